// English strings of the Prometheus exporter: configuration errors, start-up warnings and HTTP answers.

/** Section merged into the English dictionary (`metrics`). */
export const metricsEn = {
  metrics: {
    listenFormat:
      'Invalid --listen "{{value}}": write HOST:PORT with an IP address, e.g. 127.0.0.1:9469, [::1]:9469 or 0.0.0.0:9469.',
    listenPort: 'Invalid port in --listen "{{value}}": use 0 to 65535 (0 picks any free port).',
    topRange: 'Invalid --top "{{value}}": use a whole number from 1 to {{max}}.',
    portInUse: 'Address {{address}} is already in use: stop what listens there, or pick another with --listen.',
    portPrivileged:
      'Port {{port}} needs privileges to bind: pick one above 1023 (the default 9469 needs none), or grant CAP_NET_BIND_SERVICE.',
    addressUnavailable:
      'Address {{address}} does not belong to this machine: give one of its own addresses in --listen, or 127.0.0.1.',
    tokenUnreadable:
      'Cannot read the token file {{file}} ({{reason}}): check the path and that the exporter’s user may read it.',
    tokenEmpty: 'The token file {{file}} is empty: write the bearer token Prometheus sends into it, on one line.',
    tokenReadable: 'The token file {{file}} can be read by other users: restrict it with chmod 600.',
    tokenInClear:
      'The bearer token travels unencrypted to {{address}}: add --tls-cert and --tls-key, or listen on 127.0.0.1.',
    tlsPair: 'TLS needs both --tls-cert and --tls-key: give the certificate and its private key together.',
    tlsUnreadable: 'Cannot read the TLS file {{file}} ({{reason}}): check the path and its permissions.',
    tlsBadCert:
      'The TLS certificate {{file}} is not a PEM certificate ({{reason}}): give the file that starts with -----BEGIN CERTIFICATE-----.',
    tlsBadKey:
      'The TLS key {{file}} is not a usable PEM private key ({{reason}}): give the unencrypted key (-----BEGIN PRIVATE KEY-----).',
    tlsMismatch:
      'The TLS key {{key}} does not belong to the certificate {{cert}}: give the key the certificate was issued for.',
    tlsExpired: 'The TLS certificate {{file}} expired on {{date}}: Prometheus will refuse it; renew it.',
    notLoopback:
      'Metrics are served on {{address}}, which other machines can reach: protect them with --token-file and --tls-cert/--tls-key, or a firewall.',
    http: {
      unauthorized: 'Unauthorized: send the bearer token from the exporter’s token file (Authorization: Bearer …).',
      notFound: 'Not found: this port serves only GET /metrics.',
      scrapeFailed: 'netinspect could not read its socket table for this scrape; see the exporter’s log.',
    },
  },
};

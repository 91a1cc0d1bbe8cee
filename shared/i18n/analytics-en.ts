// English strings of state analytics: history, diagnosis findings, the kernel-settings explainer and alerts.

/** Sections merged into the English dictionary (`stats`, `diagnosis`, `kernel`, `alerts`). */
export const analyticsEn = {
  stats: {
    observed:
      'Observed at tick resolution (one snapshot every {{ms}} ms): states shorter than a tick can be missed, and several steps between two ticks show as one transition.',
    sampling: 'Sampling {{ticks}} ticks, {{ms}} ms apart…',
    title: 'Sockets per state, last {{window}} ({{points}} points, {{seconds}} s each)',
    now: 'Now',
    mean: 'Mean',
    peak: 'Peak',
    churn: 'Connections opened: {{opened}}, closed: {{closed}}',
    transitions: 'State transitions',
    byProcess: 'By process',
    byRemote: 'By remote endpoint',
    none: 'No transitions observed in this window.',
  },
  diagnosis: {
    none: 'No findings: no CLOSE_WAIT, TIME_WAIT, port, queue or retransmission problem was seen.',
    severity: { ok: 'OK', warning: 'Warning', critical: 'Critical' },
    kernelTitle: 'Kernel settings (read-only; netinspect never changes them)',
    kernelNotReadable: 'Kernel settings are only readable on Linux (/proc/sys).',
    range: 'Ephemeral port range: {{low}}-{{high}} ({{source}})',
    closeWait: {
      title: 'Process {{process}} (pid {{pid}}) has {{count}} sockets in CLOSE_WAIT, oldest {{oldestS}} s',
      recommendation:
        'CLOSE_WAIT means the peer closed its side (its FIN arrived and the kernel ACKed it) but {{process}} never called close() on the socket. No kernel setting ends it: the socket and its file descriptor stay until the process closes it or exits. It is a bug in the application: a missing close() on an error or EOF path, a leaked connection, or a thread blocked elsewhere. Fix the code path that reads EOF (read() returning 0) so it closes the socket.',
    },
    timeWait: {
      clientTitle:
        '{{count}} TIME_WAIT sockets towards {{endpoint}} ({{pct}} % of the ephemeral range): this host closed first',
      serverTitle: '{{count}} TIME_WAIT sockets on local port {{port}}: this host (the server) closed first',
      hostTitle: '{{count}} TIME_WAIT sockets on this host',
      clientRecommendation:
        'The side that closes first keeps TIME_WAIT for 2 MSL (60 s on Linux) so late segments of the old connection cannot corrupt a new one. Each TIME_WAIT here pins one (local IP, local port, {{endpoint}}) 4-tuple: memory is small, but when the ephemeral range towards this endpoint is used up, connect() fails with EADDRNOTAVAIL. Reuse connections (keep-alive, a pool), let the server close first, widen net.ipv4.ip_local_port_range, or enable net.ipv4.tcp_tw_reuse (outbound connections only; needs TCP timestamps).',
      serverRecommendation:
        'This host closed first as the server, so it holds TIME_WAIT for 2 MSL. Each client brings its own 4-tuple, so this does not exhaust ports here and costs only a little memory per socket; it matters only near net.ipv4.tcp_max_tw_buckets (the kernel then drops TIME_WAIT early and logs an overflow). To move TIME_WAIT to the clients, let them close first (HTTP keep-alive). Do not look for tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12.',
      hostRecommendation:
        'Many TIME_WAIT sockets cost little memory each; they matter when one remote endpoint uses up the ephemeral range (see the per-endpoint findings) or when the count nears net.ipv4.tcp_max_tw_buckets. Find which side closes first and whether connections could be reused.',
    },
    ephemeral: {
      title: '{{local}} uses {{count}} of {{size}} ephemeral ports towards {{remote}} ({{pct}} %)',
      recommendation:
        'Every connection from {{local}} to {{remote}} needs its own local port from the ephemeral range {{low}}-{{high}}, and sockets in TIME_WAIT still hold theirs. When none is left, connect() fails with EADDRNOTAVAIL (Windows: WSAEADDRINUSE). Reuse connections, spread them over more local addresses or remote ports, or widen the range (Linux net.ipv4.ip_local_port_range; Windows netsh int ipv4 set dynamicport).',
    },
    listenQueue: {
      title: 'Listener {{endpoint}} ({{process}}, pid {{pid}}) has {{queued}} connections waiting, backlog {{backlog}}',
      recommendation:
        'Connections the kernel completed wait in the accept queue until {{process}} calls accept(). Its size is min(backlog given to listen(), net.core.somaxconn). When it is full the kernel drops new handshakes and clients see slow or failed connects. Accept faster (more workers, no blocking in the accept loop) or raise the backlog and somaxconn together.',
    },
    synFlood: {
      title: '{{count}} half-open connections (SYN_RECEIVED) on port {{port}}',
      recommendation:
        'A handshake stays in SYN_RECEIVED until the client ACKs the SYN-ACK; on a healthy link that takes one round trip. Hundreds at once mean a SYN flood or a broken return path. With net.ipv4.tcp_syncookies the kernel keeps serving real clients; check the sources and filter upstream if it is an attack.',
    },
    retransmits: {
      title:
        'Process {{process}} (pid {{pid}}) has {{count}} connections with heavy retransmission (up to {{max}} segments)',
      recommendation:
        'A retransmission means a segment or its ACK was lost, or the retransmission timer fired before the ACK came back. Throughput falls and latency jumps. Look at the path to these peers (loss, congestion, MTU problems), not at the application.',
    },
    failedConnect: {
      title: '{{process}} (pid {{pid}}) failed {{count}} connects to {{endpoint}} in the last minute',
      titleUnknown: '{{count}} connects to {{endpoint}} failed in the last minute (the caller is not known)',
      recommendation:
        'A connect() that never reaches ESTABLISHED: the socket went from SYN_SENT straight to CLOSE. Nothing listens there (refused: a RST came back), a firewall drops the SYN (timed out), or there is no route (unreachable). Check that {{endpoint}} is up and reachable from this host, and that the caller backs off instead of retrying in a tight loop.',
    },
    evidence: {
      count: '{{count}} sockets in {{state}}',
      oldestAtLeast:
        'Oldest entered this state at least {{seconds}} s ago (first seen by polling; its real age may be more)',
      oldestKernel: 'Oldest entered this state {{seconds}} s ago (from the kernel’s clock)',
      timeWaitLeft: 'By the kernel’s timers the oldest frees its port in {{first}} s, the last in {{last}} s',
      failedTraced: 'Every failed connect is counted, with its caller (traced)',
      failedObserved:
        'Only connects seen in SYN_SENT at a refresh are counted: refused ones end between two refreshes. Run as root (or Show all owners) to trace every one.',
      hostTotal: '{{count}} sockets in {{state}} on the whole host',
      oldest: 'Oldest entered this state {{seconds}} s ago',
      peers: 'Peers: {{list}}',
      localPorts: 'Local ports: {{list}}',
      localAddresses: 'Local addresses: {{list}}',
      closedFirst: {
        client: 'This host closed first, as the client (the local port is not a listening port here).',
        server: 'This host closed first, as the server (the local port is a listening port here).',
        host: 'Mixed: see which side closes first per endpoint.',
      },
      usage: '{{count}} of {{size}} ephemeral ports in use ({{pct}} %)',
      range: 'Ephemeral range {{low}}-{{high}}, {{excluded}} ports excluded',
      states: 'States: {{list}}',
      backlog: '{{queued}} connections waiting for accept(), backlog {{backlog}}',
      sources: 'Sources: {{list}}',
      retransmits: '{{remote}}: {{retransmits}} retransmitted segments, RTT {{rttMs}} ms',
    },
  },
  kernel: {
    tcpTwReuse:
      'tcp_tw_reuse: 1 lets outgoing connections reuse a 4-tuple still in TIME_WAIT when TCP timestamps prove the new segments are newer; 2 (the default since Linux 4.19) allows it on loopback only. Safe; it helps clients that open many short connections to one endpoint.',
    tcpFinTimeout:
      'tcp_fin_timeout: seconds an orphaned connection stays in FIN_WAIT_2 waiting for the peer FIN. It does not shorten TIME_WAIT (fixed at 60 s on Linux), despite what many tuning guides say.',
    tcpMaxTwBuckets:
      'tcp_max_tw_buckets: most TIME_WAIT sockets the kernel keeps; beyond it, new ones are destroyed at once and "time wait bucket table overflow" is logged. A safety cap against floods, not a tuning knob.',
    somaxconn:
      'somaxconn: upper bound of every listen() backlog (the accept queue). A server asking for a larger backlog silently gets this value.',
    ipLocalPortRange:
      'ip_local_port_range: the ephemeral ports connect() picks from. Its size bounds the connections from one local IP to one remote IP and port (TIME_WAIT included).',
    tcpTwRecycle:
      'tcp_tw_recycle: dropped TIME_WAIT state early and rejected segments whose timestamps went backwards per peer IP, which broke clients behind NAT (their timestamps differ). Keep it 0.',
    tcpTwRecycleRemoved:
      'tcp_tw_recycle is absent: it was removed in Linux 4.12 because it broke clients behind NAT (several hosts share one IP but not one timestamp clock). Use tcp_tw_reuse on the client side instead.',
  },
  alerts: {
    raisedTitle: 'netinspect alert',
    clearedTitle: 'netinspect: alert cleared',
    'port-down': 'Nothing listens on watched port {{port}} any more.',
    'port-owner-changed': 'Watched port {{port}} changed hands: was {{before}}, now {{owner}}.',
    'close-wait-count': 'Process {{process}} (pid {{pid}}) holds {{count}} CLOSE_WAIT sockets (limit {{limit}}).',
    'close-wait-age':
      'Process {{process}} (pid {{pid}}) has a CLOSE_WAIT socket {{oldestS}} s old (limit {{limitS}} s): it is not closing sockets after the peer closed.',
    'time-wait-count': '{{count}} TIME_WAIT sockets on this host (limit {{limit}}).',
    'ephemeral-usage': '{{local}} uses {{pct}} % of the ephemeral ports towards {{remote}} (limit {{limit}} %).',
    'new-connections-rate': '{{rate}} new connections per second (limit {{limit}}).',
    'failed-connects': '{{process}} failed {{count}} connects to {{endpoint}} in the last minute (limit {{limit}}).',
    cleared: {
      default: 'Cleared.',
      'port-up': 'Port {{port}} is listening again: {{owner}}.',
    },
    raised: 'ALERT',
    clearedTag: 'CLEARED',
    watching: 'Watching {{ports}} every {{ms}} ms. Press Ctrl+C to stop.',
  },
};

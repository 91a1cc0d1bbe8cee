// One HTTP(S) request with the parts a scrape test looks at: status, headers, body.
import http from 'node:http';
import https from 'node:https';

/** What came back. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Requests `url` (method GET unless given); `ca` trusts a certificate for https; `token` sends it as Bearer. */
export function request(
  url: string,
  options: { method?: string; token?: string; ca?: Buffer; headers?: http.OutgoingHttpHeaders } = {},
): Promise<HttpAnswer> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const headers = { ...options.headers, ...(options.token && { Authorization: `Bearer ${options.token}` }) };
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method: options.method ?? 'GET', headers, ca: options.ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Certificate files for TLS tests, made by openssl: a self-signed certificate for 127.0.0.1 and an unrelated key.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Paths of the generated files. */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  /** A valid key that does not belong to `cert`. */
  readonly otherKey: string;
}

/** Writes the files into `dir` (P-256 keys, valid one day, SAN IP:127.0.0.1). */
export function makeTlsFiles(dir: string): TlsFiles {
  const files = {
    cert: path.join(dir, 'cert.pem'),
    key: path.join(dir, 'key.pem'),
    otherKey: path.join(dir, 'other.pem'),
  };
  const req = (cert: string, key: string): void => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
      ],
      { stdio: 'ignore' },
    );
  };
  req(files.cert, files.key);
  req(path.join(dir, 'unused-cert.pem'), files.otherKey);
  return files;
}

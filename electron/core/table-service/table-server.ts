// A running netinspect (the window, `serve`) answers this user's `netinspect list` from its live table, refreshed
// for the request: the CLI then skips its own cold start of the collector (the whole /proc scan).
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/i18n/index';
import { JSON_ARRAY_CLOSE, jsonArrayOpen } from '../../../shared/logic/json-chunks';
import { listJsonHead, listOutput } from '../../../shared/logic/list-output';
import { matchesQuery, parseSocketQuery, type SocketQuery } from '../../../shared/logic/socket-query';
import type { Snapshot } from '../../../shared/model/snapshot';
import { JsonRuns } from './json-runs';
import { frame, makeEndpointDir, TABLE_PROTOCOL, tableEndpoint, type TableEndpoint } from './table-endpoint';
import { drained } from '../stream-drained';

/** What the CLI asks: `list`'s own flags, as it was given them (parsed again here), and its language. */
export interface TableRequest {
  readonly v: number;
  readonly token: string;
  readonly op: 'list';
  readonly flags: Readonly<Record<'proto' | 'state' | 'port' | 'portRange' | 'pid', string | undefined>>;
  readonly json: boolean;
  readonly csv: boolean;
  readonly lang: string;
}

export interface TableServiceOptions {
  readonly host: 'electron' | 'browser' | 'cli';
  /** Refreshes now and gives the table, or null to decline (paused: the user froze the view, keep it so). */
  readonly freshTable: () => Promise<Snapshot | null>;
  /** Whether the table was read with administrator rights (what the hidden-owner note says). */
  readonly elevated: () => boolean;
  readonly endpoint?: TableEndpoint | null;
}

/** A request line is small; anything longer is not one of ours. */
const MAX_REQUEST_BYTES = 4096;
const REQUEST_TIMEOUT_MS = 2_000;

/** Accepts only a request of this protocol with this service's token (compared in constant time). */
function parseRequest(line: string, token: Buffer): TableRequest | null {
  try {
    const r = JSON.parse(line) as Partial<TableRequest>;
    if (r.v !== TABLE_PROTOCOL || r.op !== 'list' || typeof r.token !== 'string') return null;
    const given = Buffer.from(r.token);
    if (given.length !== token.length || !crypto.timingSafeEqual(given, token)) return null;
    if (typeof r.flags !== 'object' || r.flags === null) return null;
    for (const v of Object.values(r.flags)) if (v !== undefined && typeof v !== 'string') return null;
    return r as TableRequest;
  } catch {
    return null;
  }
}

async function write(sock: net.Socket, data: string | Buffer): Promise<void> {
  if (!sock.write(data)) await drained(sock);
}

async function serve(sock: net.Socket, token: Buffer, o: TableServiceOptions, runs: JsonRuns): Promise<void> {
  const line = await new Promise<string | null>((resolve) => {
    let got = '';
    const timer = setTimeout(() => resolve(null), REQUEST_TIMEOUT_MS);
    sock.on('data', (d: Buffer) => {
      got += d.toString('utf8');
      const nl = got.indexOf('\n');
      if (nl >= 0 || got.length > MAX_REQUEST_BYTES) {
        clearTimeout(timer);
        resolve(nl >= 0 ? got.slice(0, nl) : null);
      }
    });
    sock.once('close', () => resolve(null));
  });
  const req = line === null ? null : parseRequest(line, token);
  if (!req) return void sock.destroy();
  let query: SocketQuery;
  try {
    query = parseSocketQuery(req.flags);
  } catch {
    return void sock.end('{"ok":false}\n');
  }
  const snap = await o.freshTable().catch(() => null);
  if (!snap) return void sock.end('{"ok":false}\n');
  const origin = { host: o.host, pid: process.pid, ageMs: Math.max(0, Date.now() - snap.takenAt) };
  await write(sock, `${JSON.stringify({ ok: true, ...origin })}\n`);
  const lang: UiLanguage = (UI_LANGUAGES as readonly string[]).includes(req.lang) ? (req.lang as UiLanguage) : 'en';
  const sockets = snap.sockets.filter((s) => matchesQuery(s, query));
  if (req.json === true) {
    // The text `list --json` prints (listOutput), with the runs of sockets unchanged since the last answer as sent.
    await write(sock, frame(jsonArrayOpen(listJsonHead(snap, origin), 'sockets')));
    for (const piece of runs.frames(sockets)) {
      if (sock.destroyed) return;
      await write(sock, piece);
    }
    await write(sock, frame(`${JSON_ARRAY_CLOSE}\n`));
  } else {
    const format = { json: false, csv: req.csv === true };
    for (const piece of listOutput(snap, sockets, format, { lang, elevated: o.elevated() }, new Map(), origin)) {
      if (sock.destroyed) return;
      if (piece.length > 0) await write(sock, frame(piece));
    }
  }
  sock.end(Buffer.alloc(4));
}

/** A listening socket at `path`, or null when another live netinspect already serves there (or it cannot). */
async function listenAt(path: string): Promise<net.Server | null> {
  const attempt = () =>
    new Promise<net.Server | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(path, () => resolve(server));
    });
  const first = await attempt();
  if (first) return first;
  // Left behind by a netinspect that died? Only a socket nobody answers on is taken over.
  const alive = await new Promise<boolean>((resolve) => {
    const c = net.connect(path);
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
  if (alive) return null;
  try {
    if (!fs.lstatSync(path).isSocket()) return null;
    fs.unlinkSync(path);
  } catch {
    return null;
  }
  return attempt();
}

/** The running service; close() removes its socket and token. */
export interface TableService {
  close(): void;
}

/**
 * Starts serving (POSIX); resolves null where it cannot or another instance already does. Never throws. Who may ask:
 * whoever can enter the 0700 directory (this user, and root) and read the 0600 token beside the 0600 socket. The
 * peer's credentials are not read here: that needs koffi, which stays out of the window's main process.
 */
export async function startTableService(o: TableServiceOptions): Promise<TableService | null> {
  const e = o.endpoint === undefined ? tableEndpoint() : o.endpoint;
  if (!e || !makeEndpointDir(e)) return null;
  const server = await listenAt(e.socket).catch(() => null);
  if (!server) return null;
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.chmodSync(e.socket, 0o600);
    const tmp = `${e.token}.${process.pid}`;
    fs.writeFileSync(tmp, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, e.token);
  } catch {
    server.close();
    return null;
  }
  const token = Buffer.from(secret);
  const runs = new JsonRuns();
  server.on('connection', (sock) => {
    sock.on('error', () => undefined);
    void serve(sock, token, o, runs).catch(() => sock.destroy());
  });
  server.unref();
  return {
    close() {
      server.close();
      runs.close();
      // Only what is still ours: a newer instance may have taken the endpoint over.
      try {
        if (fs.readFileSync(e.token, 'utf8').trim() === secret) fs.unlinkSync(e.token);
      } catch {
        // already gone
      }
      try {
        fs.unlinkSync(e.socket);
      } catch {
        // already gone
      }
    },
  };
}

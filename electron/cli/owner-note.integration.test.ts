// The hidden-owner note as the CLI prints it: true for who runs it, for a socket no process holds.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/net-fixtures';
import { NOBODY } from '../test-support/nobody';

/**
 * A listener whose only reference is a file descriptor in flight (sent with SCM_RIGHTS, never received): the
 * kernel has the socket with an inode, yet no process has it in /proc/<pid>/fd, so even root finds no owner.
 * Python's socket.send_fds does it in a few lines; Node cannot send descriptors outside its own IPC channel.
 */
function python(): string | null {
  try {
    execFileSync('python3', ['-c', 'import socket; socket.send_fds'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'needs python3 (3.9+, socket.send_fds) to hold a socket no process owns';
  }
}

const missing = python();
const why = missing ?? (process.getuid?.() === 0 ? null : 'needs root, to run the CLI as root and as nobody');
if (why) console.warn(`hidden-owner note tests skipped: ${why}`);
let holder: ChildProcess | null = null;
let port = 0;

beforeAll(async () => {
  if (why) return;
  // See the note above python(): the listener lives on only inside the unread message.
  const script = [
    'import socket, sys',
    'a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)',
    "l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()",
    'port = l.getsockname()[1]',
    "socket.send_fds(a, [b'x'], [l.fileno()])",
    'l.close()',
    'print(port, flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  holder = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    holder?.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    holder?.once('exit', (code) => reject(new Error(`the descriptor holder exited (${code})`)));
  });
});
afterAll(() => holder?.kill('SIGKILL'));

async function ownerless(wrap?: readonly string[]): Promise<void> {
  const r = await runCli(['list', '--json', '--port', String(port)], { wrap });
  const out = JSON.parse(r.stdout) as { hiddenOwners: number; sockets: { localPort: number; pid: number | null }[] };
  expect(out.sockets.find((s) => s.localPort === port)?.pid).toBeNull();
  expect(out.hiddenOwners).toBeGreaterThan(0);
}

/**
 * The count the note gives, checked for grammar: "The owner of 1 socket" or "Owners of N sockets" with N > 1.
 * (Other sockets of the machine may gain or lose owners between two runs, so the count is read from the text.)
 */
function noteCount(text: string, verb: RegExp): number {
  const m = new RegExp(`(?:The owner of (1) socket|Owners of (\\d+) sockets) ${verb.source}`).exec(text);
  expect(m, text).not.toBeNull();
  const n = Number(m?.[1] ?? m?.[2]);
  if (m?.[2] !== undefined) expect(n).toBeGreaterThan(1);
  return n;
}

describe.runIf(process.platform === 'linux')('the hidden-owner note', () => {
  it.skipIf(why !== null)(
    'as root, says the owner is out of reach, never "run as root", with the right number',
    async () => {
      await ownerless();
      const list = await runCli(['list', '--port', String(port)]);
      const report = await runCli(['report', '--format', 'text', '--filter', `:${port}`]);
      for (const text of [list.stdout, report.stdout]) {
        expect(noteCount(text, /could not be seen, even with administrator rights/)).toBeGreaterThan(0);
        expect(text).toContain('another PID namespace');
        expect(text).not.toMatch(/run (it )?as root/);
      }
    },
  );

  it.skipIf(why !== null)(
    'as nobody, says netinspect runs without administrator rights and how to see every owner',
    async () => {
      await ownerless(NOBODY);
      const list = await runCli(['list', '--port', String(port)], { wrap: NOBODY });
      expect(noteCount(list.stdout, /(?:is|are) hidden: netinspect runs without administrator rights/)).toBeGreaterThan(
        0,
      );
    },
  );
});

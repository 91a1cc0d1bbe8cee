// `list --json`'s sockets array in runs whose ends depend on the sockets themselves, so the table service can send
// again, as it rendered them for the last answer, every run the refreshes since left alone.
import { jsonText } from '../../../shared/logic/terminal-text';
import type { Socket } from '../../../shared/model/socket';
import { frame } from './table-endpoint';

/** A run ends after a socket whose ends hash to 0 in this many bits: some 64 sockets apart. */
const RUN_SPREAD_BITS = 6;
/**
 * Nor is a run longer than this: some 80 kB of text, below V8's largest regular object, so the text of a run not
 * kept dies young (see JSON_CHUNK_ITEMS).
 */
export const RUN_MAX = 128;

/**
 * Whether a run ends after `s`: from its ends and inode alone (fixed for a socket's life), so the same socket ends
 * a run wherever it sits, and a table that gained or lost a few sockets is cut into the same runs as before
 * everywhere else.
 */
function endsRun(s: Socket): boolean {
  const ends = ((s.localPort << 16) | s.remotePort) ^ (s.family << 1) ^ (s.proto === 'udp' ? 1 : 0);
  const h = Math.imul(ends ^ Math.imul(s.inode ?? 0, 0x85ebca6b), 0x9e3779b1);
  return h >>> (32 - RUN_SPREAD_BITS) === 0;
}

/** [from, to) of each run of `items`, in order, covering them all. */
export function runsOf(items: readonly Socket[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < items.length; i++) {
    const s = items[i];
    if (s === undefined) continue;
    if (i + 1 - from >= RUN_MAX || endsRun(s)) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < items.length) out.push([from, items.length]);
  return out;
}

/** One run as a frame of the table service: a comma, then the items' JSON text as `jsonText` writes each. */
function framedRun(items: readonly Socket[], from: number, to: number): Buffer {
  return frame(jsonText(items.slice(from, to)).slice(1, -1), COMMA);
}

const COMMA = 0x2c;

interface Run {
  readonly items: readonly Socket[];
  readonly frame: Buffer;
}

/** How long the runs of the last JSON answer are kept for the next one (ms). */
export const KEEP_RUNS_MS = 60_000;

/**
 * The runs of the last JSON answer, by their first socket, kept a while for the next answer. A socket object is
 * never changed once made (a changed socket is a new object; core's scenario tests run on frozen sockets), so a
 * run of the very same objects, in the same order, has the very same text, and is sent again as it is: at 40,000
 * sockets the text is 25 MB, and making it costs more than the refresh the answer waits for. What this holds (that
 * text, as bytes) is let go `KEEP_RUNS_MS` after the last answer, so a netinspect nobody asks keeps nothing. Each
 * answer's runs replace the last one's: a filtered answer (`--pid 7`) keeps only its own, and the whole table's
 * next answer is made anew.
 */
export class JsonRuns {
  private kept = new Map<Socket, Run>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Runs sent as kept, and rendered anew (for tests and figures). */
  reused = 0;
  rendered = 0;

  constructor(private readonly keepMs: number = KEEP_RUNS_MS) {}

  /**
   * The frames of the array's text for `items`, in order, the first run without its leading comma: a run of the
   * same sockets as one of the last answer is sent as it was, any other rendered now. Once every frame was taken,
   * this answer's runs replace the last one's.
   */
  *frames(items: readonly Socket[]): Generator<Buffer> {
    const next = new Map<Socket, Run>();
    let first = true;
    for (const [from, to] of runsOf(items)) {
      const head = items[from];
      if (head === undefined) continue;
      let run = this.kept.get(head);
      if (run && sameRun(run.items, items, from, to)) this.reused++;
      else {
        this.rendered++;
        run = { items: items.slice(from, to), frame: framedRun(items, from, to) };
      }
      next.set(head, run);
      if (!first) {
        yield run.frame;
        continue;
      }
      first = false;
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32BE(run.frame.length - 5, 0);
      yield length;
      yield run.frame.subarray(5);
    }
    if (this.closed) return;
    this.kept = next;
    this.forgetLater();
  }

  /** Lets go of every kept run now, and keeps none of an answer still being sent (the service closed). */
  close(): void {
    this.closed = true;
    this.clear();
  }

  /** Lets go of every kept run now. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kept = new Map();
  }

  /** Runs kept for the next answer. */
  get size(): number {
    return this.kept.size;
  }

  private forgetLater(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), this.keepMs);
    this.timer.unref();
  }
}

function sameRun(run: readonly Socket[], items: readonly Socket[], from: number, to: number): boolean {
  if (run.length !== to - from) return false;
  for (let i = 0; i < run.length; i++) if (run[i] !== items[from + i]) return false;
  return true;
}

// Memory of one table's previous sock_diag dump, so a socket whose decoded fields did not change keeps its object.
import type { KernelSocket } from './kernel-socket';

/** Leading fingerprint words that identify a socket: inet_diag_sockid (ports, addresses, interface, cookie). */
export const FP_ID_WORDS = 12;
/**
 * Words per socket: the sockid, then state, rqueue, wqueue, uid, inode, the tcp_info length (+1, 0 when absent)
 * and the 8 tcp_info words we decode. Only decoded fields: tcp_info also has counters that tick on idle sockets.
 */
export const FP_WORDS = FP_ID_WORDS + 14;
/** Words of the cookie within the sockid (u32 cookie[2] at sockid byte 40). */
const COOKIE_WORD = 10;
/** How far ahead in the previous dump to look for a socket before consulting the index (steps over removals). */
const LOOKAHEAD = 8;

/**
 * Dumps come in the kernel's stable hash order, so the new dump is walked against the previous one like a merge:
 * a cursor into the previous dump, a short lookahead by identity to step over removed sockets, and, only when
 * that misses (a new socket, a long removed run, a reordering), an open-addressing index by cookie in a typed
 * array, built once for the rest of the dump. Quiet dumps allocate nothing.
 */
export class DumpMemo {
  private prevFp = new Uint32Array(0);
  private prevObjs: KernelSocket[] = [];
  private prevCount = 0;
  private prevOrigins = new Int32Array(0);
  private fp = new Uint32Array(1024 * FP_WORDS);
  private objs: KernelSocket[] = [];
  /** Per socket of this dump: its index in the previous dump when its object was kept, else -1. */
  private origins = new Int32Array(1024);
  private count = 0;
  private cursor = 0;
  /** Hash slots -> previous index + 1 (0: empty); valid for this dump once `indexed`. */
  private slots = new Int32Array(0);
  private indexed = false;

  /** Starts recording a new dump; the previous complete one stays the reference. */
  begin(): void {
    this.count = 0;
    this.objs.length = 0;
    this.cursor = 0;
    this.indexed = false;
  }

  /** Makes room for the next socket's fingerprint; write FP_WORDS words into `words` from the returned index. */
  reserve(): number {
    const base = this.count * FP_WORDS;
    if (base + FP_WORDS > this.fp.length) {
      const grown = new Uint32Array(this.fp.length * 2);
      grown.set(this.fp);
      this.fp = grown;
      const origins = new Int32Array(this.origins.length * 2);
      origins.set(this.origins);
      this.origins = origins;
    }
    return base;
  }

  /** The array `reserve()` indexes into (replaced when it grows: read it after reserving). */
  get words(): Uint32Array {
    return this.fp;
  }

  /**
   * The previous dump's object for the reserved socket when every fingerprint word is equal (it is then recorded
   * for this dump too), else null: the caller decodes it and passes the new object to `keep`.
   */
  match(): KernelSocket | null {
    const base = this.count * FP_WORDS;
    let hit = -1;
    if (this.cursor < this.prevCount && this.same(base, this.cursor, FP_WORDS)) hit = this.cursor;
    else {
      const end = Math.min(this.prevCount, this.cursor + LOOKAHEAD);
      for (let p = this.cursor; p < end && hit < 0; p++) if (this.same(base, p, FP_ID_WORDS)) hit = p;
      if (hit < 0) hit = this.lookup(base);
    }
    if (hit < 0) return null;
    if (hit >= this.cursor) this.cursor = hit + 1;
    if (!this.same(base, hit, FP_WORDS)) return null;
    const obj = this.prevObjs[hit];
    this.origins[this.count] = hit;
    this.objs[this.count++] = obj;
    return obj;
  }

  /** Records a freshly decoded socket for the fingerprint last reserved. */
  keep(obj: KernelSocket): void {
    this.origins[this.count] = -1;
    this.objs[this.count++] = obj;
  }

  /**
   * For each socket of the last committed dump, in order: its index in the dump before, where its object was kept
   * from, or -1 when it was decoded anew. Lets a consumer keep what it derived from those objects by position.
   * Valid until the next commit.
   */
  lastOrigins(): Int32Array {
    return this.prevOrigins.subarray(0, this.prevCount);
  }

  /** The dump completed: it becomes the reference for the next one. */
  commit(): void {
    const fp = this.prevFp;
    const objs = this.prevObjs;
    const origins = this.prevOrigins;
    this.prevFp = this.fp;
    this.prevObjs = this.objs;
    this.prevOrigins = this.origins;
    this.prevCount = this.count;
    // The arrays of the dump before are reused, with the sizes they had, unless never allocated.
    this.fp = fp.length >= FP_WORDS * 1024 ? fp : new Uint32Array(1024 * FP_WORDS);
    this.origins = origins.length * FP_WORDS === this.fp.length ? origins : new Int32Array(this.fp.length / FP_WORDS);
    this.objs = objs;
    this.objs.length = 0;
    this.count = 0;
    this.indexed = false;
  }

  /** The dump failed part-way: forget it and keep the last complete one as the reference. */
  abort(): void {
    this.objs.length = 0;
    this.count = 0;
    this.indexed = false;
  }

  /** True when `n` leading words of the current slot at `base` equal those of previous socket `p`. */
  private same(base: number, p: number, n: number): boolean {
    const a = this.fp;
    const b = this.prevFp;
    const q = p * FP_WORDS;
    for (let k = 0; k < n; k++) if (a[base + k] !== b[q + k]) return false;
    return true;
  }

  /** Index of the previous socket with the same sockid, through the cookie index (built on first use), or -1. */
  private lookup(base: number): number {
    if (!this.indexed) this.buildIndex();
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let h = cookieHash(this.fp, base) & mask; ; h = (h + 1) & mask) {
      const p = slots[h] - 1;
      if (p < 0) return -1;
      if (this.same(base, p, FP_ID_WORDS)) return p;
    }
  }

  /** Hashes every previous socket's cookie into a table at most half full (so probes stay short and end). */
  private buildIndex(): void {
    let size = 64;
    while (size < this.prevCount * 2) size *= 2;
    if (this.slots.length !== size) this.slots = new Int32Array(size);
    else this.slots.fill(0);
    const slots = this.slots;
    const mask = size - 1;
    for (let p = 0; p < this.prevCount; p++) {
      let h = cookieHash(this.prevFp, p * FP_WORDS) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = p + 1;
    }
    this.indexed = true;
  }
}

/** Hash of the 64-bit cookie (a kernel counter: mix it so consecutive values spread). */
function cookieHash(words: Uint32Array, base: number): number {
  return Math.imul(words[base + COOKIE_WORD] ^ Math.imul(words[base + COOKIE_WORD + 1], 0x85ebca6b), 0x9e3779b1) >>> 7;
}

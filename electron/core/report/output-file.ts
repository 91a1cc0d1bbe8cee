// A report's output file, opened before any sampling: a path that cannot take the report fails at once.
import fs from 'node:fs';
import { keyedError } from '../../../shared/logic/input-error';

/** An output opened for writing; `write` replaces its content with the report. */
export interface ReportOutput {
  readonly path: string;
  /** Writes `content` as the whole file (an existing file is only truncated now, never before the report exists). */
  write(content: string): void;
  /** Closes it; a file this run created and never wrote is removed, so a failed run leaves nothing behind. */
  close(): void;
}

function refusal(file: string, e: unknown) {
  return keyedError('report.input.output', { value: file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
}

/**
 * Opens `file` for writing, or throws INVALID_INPUT (`report.input.output`, exit 2) naming the errno: EISDIR for a
 * folder, ENOENT for a missing parent, EACCES for a read-only one, ENOSPC for /dev/full (a zero-length write
 * reaches the device and fails there on Linux), EROFS ... The file is not truncated until the report is written.
 */
export function openReportOutput(file: string): ReportOutput {
  const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
  let fd: number;
  let created = false;
  try {
    try {
      fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL, 0o666);
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      fd = fs.openSync(file, O_WRONLY);
    }
  } catch (e) {
    throw refusal(file, e);
  }
  let written = false;
  const close = (): void => {
    if (fd < 0) return;
    fs.closeSync(fd);
    fd = -1;
    if (created && !written) fs.rmSync(file, { force: true });
  };
  try {
    fs.writeSync(fd, Buffer.alloc(0));
  } catch (e) {
    close();
    throw refusal(file, e);
  }
  return {
    path: file,
    write(content) {
      // Devices and pipes (/dev/stdout, a FIFO) cannot be truncated and need not be.
      if (fs.fstatSync(fd).isFile()) fs.ftruncateSync(fd, 0);
      const bytes = Buffer.from(content);
      for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off, null);
      written = true;
    },
    close,
  };
}

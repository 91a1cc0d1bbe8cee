// The helper's side of the hand-over: read the token file once, check who made it, delete it.
import fs from 'node:fs';
import { tokenFileSchema, sessionPaths, type TokenFile } from './helper-protocol';

/** Why the token file was not accepted; the helper logs it and exits. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/**
 * Reads, validates and deletes the token file. On POSIX the file and its directory must be owned by the uid the
 * file names, the directory 0700 and the file 0600, neither a symlink: running as root, the helper must not be
 * talked into trusting a file another user could have written or read.
 */
export function takeTokenFile(tokenFile: string): TokenFile {
  const { dir } = sessionPaths(tokenFile);
  const posix = process.platform !== 'win32';
  const dirStat = fs.lstatSync(dir);
  if (!dirStat.isDirectory()) throw new TokenFileError(`${dir} is not a directory`);
  if (posix && (dirStat.mode & 0o777) !== 0o700) throw new TokenFileError(`${dir} is not mode 0700`);
  // O_NOFOLLOW: a symlink planted in place of the file is refused rather than followed as root.
  const fd = fs.openSync(tokenFile, fs.constants.O_RDONLY | (posix ? fs.constants.O_NOFOLLOW : 0));
  let text: string;
  let fileUid: number;
  let unlinkError: unknown = null;
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new TokenFileError(`${tokenFile} is not a regular file`);
    if (posix && (st.mode & 0o777) !== 0o600) throw new TokenFileError(`${tokenFile} is not mode 0600`);
    if (st.size > 4096) throw new TokenFileError(`${tokenFile} is too large`);
    fileUid = st.uid;
    text = fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
    // Deleted at once, accepted or refused: the secret exists on disk only between the app's write and this read.
    try {
      fs.unlinkSync(tokenFile);
    } catch (e) {
      // Kept for below: what cannot be unlinked (a directory) must not hide why it was refused.
      unlinkError = e;
    }
  }
  // Read, but still on disk: refused too.
  if (unlinkError) throw unlinkError;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TokenFileError(`${tokenFile} is not JSON`);
  }
  const parsed = tokenFileSchema.safeParse(json);
  if (!parsed.success) throw new TokenFileError(`${tokenFile} has an unexpected shape`);
  if (posix && (parsed.data.uid !== fileUid || parsed.data.uid !== dirStat.uid)) {
    throw new TokenFileError(`${tokenFile} names uid ${parsed.data.uid} but is owned by ${fileUid}/${dirStat.uid}`);
  }
  if (!posix && !parsed.data.pipe) throw new TokenFileError(`${tokenFile} names no pipe`);
  return parsed.data;
}

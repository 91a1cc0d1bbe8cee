// A child process the test owns that listens on 127.0.0.1: the target of kill and details tests.
import { spawnPortChild, type PortChild } from './port-child';

/** The child, its listener's port, and how it ended (its signal name or exit code) once it has. */
export type ChildListener = PortChild;

/** The child's program: listen on any free port of 127.0.0.1 and print it. */
export const CHILD_SCRIPT =
  "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(String(s.address().port)))";

/** Starts the child and waits for the port it prints. */
export function spawnListener(): Promise<ChildListener> {
  return spawnPortChild(CHILD_SCRIPT, 'listener child');
}

/** Ends the child if the test did not. */
export async function stopListener(l: ChildListener): Promise<void> {
  if (l.child.exitCode === null && l.child.signalCode === null) l.child.kill('SIGKILL');
  await l.exited;
}

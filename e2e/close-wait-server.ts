// A child process that accepts connections and never closes them, even after the peer closed: CLOSE_WAIT on demand.
import { spawnPortChild, type PortChild } from './port-child';

/** The child's program: keep every accepted socket, half-open allowed, and print the port. */
const SCRIPT = `const net=require('net');const kept=[];
const s=net.createServer({allowHalfOpen:true},(c)=>{kept.push(c);c.on('error',()=>{});});
s.listen(0,'127.0.0.1',()=>console.log(String(s.address().port)));`;

/** The leaking server, its pid and port. */
export type LeakyServer = PortChild;

/** Starts the child and waits for the port it prints. */
export function startLeakyServer(): Promise<LeakyServer> {
  return spawnPortChild(SCRIPT, 'leaky server');
}

/** Ends the child (its CLOSE_WAIT sockets go with it). */
export async function stopLeakyServer(s: LeakyServer): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGKILL');
  await s.exited;
}

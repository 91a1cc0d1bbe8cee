// A child process that accepts connections and never closes them, even after the peer closed: CLOSE_WAIT on demand.
import { spawn, type ChildProcess } from 'node:child_process';

/** The child's program: keep every accepted socket, half-open allowed, and print the port as a string. */
const SCRIPT = `const net=require('net');const kept=[];
const s=net.createServer({allowHalfOpen:true},(c)=>{kept.push(c);c.on('error',()=>{});});
s.listen(0,'127.0.0.1',()=>console.log(String(s.address().port)));`;

/** The leaking server, its pid and port. */
export interface LeakyServer {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
}

/** Starts the child and waits for the port it prints. */
export async function startLeakyServer(): Promise<LeakyServer> {
  const child = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(Number(buf.trim()));
    });
    child.once('exit', () => reject(new Error(`leaky server exited before printing its port: ${buf}`)));
  });
  if (child.pid === undefined) throw new Error('leaky server has no pid');
  return { child, pid: child.pid, port };
}

/** Ends the child (its CLOSE_WAIT sockets go with it). */
export async function stopLeakyServer(s: LeakyServer): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.kill('SIGKILL');
  await exited;
}

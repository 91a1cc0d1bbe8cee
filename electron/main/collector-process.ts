// Spawns the collector as an Electron utility process (a crash there never takes the app down).
import { utilityProcess } from 'electron';
import { STOP_GRACE_MS, type SpawnWorker } from '../core/collector/host';
import { COLLECTOR_WORKER } from '../core/paths';

/** SpawnWorker backed by utilityProcess.fork. */
export const spawnUtilityWorker: SpawnWorker = () => {
  const child = utilityProcess.fork(COLLECTOR_WORKER, [], { serviceName: 'netinspect collector', stdio: 'inherit' });
  // Never signal a pid after its process ended: the number may belong to another process by then.
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => {
      if (!exited && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    },
    // SIGTERM on POSIX: the worker exits by itself and its exit handlers run; killed if it has not within the grace.
    stop: () => {
      const pid = child.pid;
      if (exited || pid === undefined) return;
      child.kill();
      setTimeout(() => {
        if (!exited) process.kill(pid, 'SIGKILL');
      }, STOP_GRACE_MS).unref();
    },
  };
};

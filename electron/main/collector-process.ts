// Spawns the collector as an Electron utility process (a crash there never takes the app down).
import { utilityProcess } from 'electron';
import type { SpawnWorker } from '../core/collector/host';
import { COLLECTOR_WORKER } from '../core/paths';

/** SpawnWorker backed by utilityProcess.fork. */
export const spawnUtilityWorker: SpawnWorker = () => {
  const child = utilityProcess.fork(COLLECTOR_WORKER, [], { serviceName: 'netinspect collector', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => {
      child.kill();
    },
  };
};

// Shows the one open action dialog (kill, details, close, connection details), if any; each dialog remounts per
// target so its own state starts fresh.
import { useStore } from '../../store/index';
import { CloseDialog } from './CloseDialog';
import { DetailsDialog } from './DetailsDialog';
import { KillDialog } from './KillDialog';
import { SocketDetailsDialog } from './SocketDetailsDialog';

/** The open kill, close or details dialog. */
export function ActionDialogs() {
  const dialog = useStore((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'kill':
      return <KillDialog key={`kill-${dialog.pid}`} pid={dialog.pid} name={dialog.name} />;
    case 'details':
      return <DetailsDialog key={`details-${dialog.pid}`} pid={dialog.pid} name={dialog.name} />;
    case 'close':
      return <CloseDialog key={`close-${dialog.socket.key}`} socket={dialog.socket} />;
    case 'socket':
      return <SocketDetailsDialog key={`socket-${dialog.socket.key}`} socket={dialog.socket} />;
  }
}

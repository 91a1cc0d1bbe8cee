// What the row menu can do with a socket, as pure functions: availability (with the reason when not), text.
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatProto } from '../../../../shared/logic/format';
import type { Socket } from '../../../../shared/model/socket';

/** Null when the action is available, else the i18n key of why not. */
export type Availability = string | null;

/** Killing needs an owner the collector could see. */
export function killAvailability(s: Socket): Availability {
  if (s.pid !== null) return null;
  return s.state === 'TIME_WAIT' || s.state === 'SYN_RECEIVED' ? 'pid.kernel' : 'pid.hidden';
}

/** Only a live TCP connection with a peer can be closed: not UDP, not a listener, not a row already gone. */
export function closeAvailability(s: Socket, live: boolean): Availability {
  if (s.proto !== 'tcp') return 'actionUi.menu.closeTcpOnly';
  if (s.state === 'LISTEN') return 'actionUi.menu.closeNotListener';
  if (!live) return 'actionUi.menu.closeGone';
  if (s.remotePort === 0) return 'actionUi.menu.closeNoPeer';
  return null;
}

/** A wildcard or unset remote address names no host to filter to. */
export function hasRemoteHost(s: Socket): boolean {
  return s.remotePort !== 0 && s.remoteAddress !== '0.0.0.0' && s.remoteAddress !== '::' && s.remoteAddress !== '*';
}

/**
 * The row as one tab-separated line, in the grid's column order (pastes into a spreadsheet); with the remote
 * host's name (names resolved), that name as one more field at the end, the address staying in its own.
 */
export function rowAsText(s: Socket, remoteName: string | null = null): string {
  return [
    formatProto(s),
    formatEndpoint(s.localAddress, s.localPort),
    formatEndpoint(s.remoteAddress, s.remotePort),
    s.state,
    s.pid ?? '',
    s.process ?? '',
    s.user ?? '',
    ...(remoteName === null ? [] : [remoteName]),
  ].join('\t');
}

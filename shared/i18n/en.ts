// English UI strings: the reference dictionary every other language mirrors key for key.
import { analyticsEn } from './analytics-en';
import { adaptersEn } from './adapters-en';
import { analyticsUiEn } from './analytics-ui-en';
import { toolsEn } from './tools-en';
import { metricsEn } from './metrics-en';
import { limitsEn } from './limits-en';
import { timelineEn } from './timeline-en';
import { timelineUiEn } from './timeline-ui-en';
import { kernelEventsEn } from './kernel-events-en';
import { procsEn } from './procs-en';
import { connectionsEn } from './connections-en';
import { speedEn } from './speed-en';
import type { Translated } from './translated';

/** English dictionary for i18next (namespace `translation`). Interpolations use `{{name}}`. */
export const en = {
  app: {
    title: 'netinspect',
    loading: 'Loading sockets…',
    empty: 'No sockets match the filter.',
  },
  views: {
    label: 'Views',
    sockets: 'Sockets',
  },
  grid: {
    label: 'Sockets',
    sortBy: 'Sort by {{column}}',
    ageSource: {
      kernel: 'From a kernel clock (TIME_WAIT timer, time since the peer’s last ACK): exact',
      kernelBound: 'From a kernel clock that restarts when the connection acts (a timer, keepalive): at least this old',
      trace: 'Seen entering this state through the kernel’s state-change tracepoint: exact',
      observed: 'First seen in this state by polling: it is at least this old',
    },
  },
  columns: {
    proto: 'Proto',
    localAddress: 'Local address',
    localPort: 'Local port',
    remoteAddress: 'Remote address',
    remotePort: 'Remote port',
    state: 'State',
    pid: 'PID',
    process: 'Process',
    user: 'User',
    service: 'Service',
    age: 'In state',
    rtt: 'RTT ms',
    bytes: 'Bytes ↑sent ↓received',
  },
  change: {
    added: 'New connection',
    changed: 'Changed',
    removed: 'Closed',
  },
  pid: {
    kernel: 'No owner: the kernel holds this socket',
    hidden: 'Owner not seen: another user’s process, one in another PID namespace, or opened since the last scan',
  },
  filter: {
    label: 'Filter',
    placeholder: ':8080  state:close_wait  pid:123  proto:udp',
    help: 'Terms combine with AND. :port, state:, pid:, proto:, process:, free text; prefix ! to negate.',
    toggles: 'Show',
    tcp: 'TCP',
    udp: 'UDP',
    ipv4: 'IPv4',
    ipv6: 'IPv6',
    listening: 'Listening only',
  },
  status: {
    label: 'Collector status',
    sockets: 'Sockets: {{n}}',
    shown: 'Shown: {{n}}',
    duration: 'Refresh: {{ms}} ms',
    source: 'Source: {{source}}',
    fallback: 'Fell back to {{source}}: {{reason}}',
    live: 'Live',
    paused: 'Paused',
    restarts: 'Collector restarts: {{n}}',
    errors: 'Errors: {{n}}',
    lastError: 'Last error: {{message}}',
    connecting: 'Connecting…',
    disconnected: 'Connection to netinspect lost; reconnecting…',
  },
  settings: {
    label: 'Settings',
    refresh: 'Refresh',
    seconds: '{{value}} s',
    pause: 'Pause',
    resume: 'Resume',
    language: 'Language',
    languageSystem: 'System',
    languageEn: 'English',
    languageZh: '简体中文',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
  },
  actionUi: {
    menu: {
      label: 'Row actions',
      kill: 'Kill process…',
      close: 'Close connection…',
      copyRow: 'Copy row',
      copyLocal: 'Copy local address',
      copyRemote: 'Copy remote address',
      copyPid: 'Copy PID',
      filterProcess: 'Filter to this process',
      filterPort: 'Filter to this port',
      filterRemote: 'Filter to this remote host',
      details: 'Process details…',
      closeTcpOnly: 'Only TCP connections can be closed',
      closeNotListener: 'A listener is not a connection: kill its process to stop it',
      closeGone: 'This connection is already closed',
      closeNoPeer: 'Not connected to a peer',
      noRemote: 'No remote host',
    },
    kill: {
      title: 'Kill {{name}} ({{pid}})?',
      loading: 'Loading process details…',
      process: 'Process',
      pid: 'PID',
      user: 'User',
      exe: 'Executable',
      started: 'Started',
      holds: 'Holds',
      listening: 'Listening on {{endpoints}}',
      connections: 'Connections: {{n}}',
      noSockets: 'No sockets',
      force: 'Force',
      forceHelp:
        'Kill asks the process to exit (SIGTERM). With Force, netinspect sends SIGKILL if it has not exited after a grace period.',
      forceHelpWindows: 'Windows ends the process at once (TerminateProcess): unsaved work in it is lost.',
      confirm: 'Kill',
      busy: 'Killing…',
      cancel: 'Cancel',
      close: 'Close',
      refusedLabel: 'Cannot kill this process',
      refusedGeneric: 'netinspect will not kill this process.',
      exited: '{{name}} ({{pid}}) has already exited.',
      terminated: '{{name}} ({{pid}}) terminated',
      killed: '{{name}} ({{pid}}) killed with SIGKILL',
    },
    close: {
      title: 'Close this connection?',
      endpoints: '{{local}} → {{remote}}',
      connection: 'Connection',
      owner: 'Owner',
      explain: 'The connection is reset; its process keeps running and may connect again.',
      confirm: 'Close connection',
      busy: 'Closing…',
      gone: 'This connection is already closed.',
      done: 'Connection {{local}} → {{remote}} closed',
    },
    details: {
      title: 'Process details: {{name}} ({{pid}})',
      cmdline: 'Command line',
      parent: 'Parent',
      parentValue: '{{name}} ({{pid}})',
      notVisible: 'Not visible',
      runningFor: '{{date}} (running for {{age}})',
      sockets: 'Sockets of this process',
      kernelThread: 'This is a kernel thread.',
      own: 'This is one of netinspect’s own processes.',
      kill: 'Kill process…',
    },
    elevation: {
      label: 'Privileges',
      retry: 'Retry as administrator',
      unavailable:
        'Elevation cannot be requested here (no graphical prompt such as pkexec). Run netinspect as root/Administrator.',
      elevated: 'Administrator',
      elevatedHelp: 'netinspect runs as root/Administrator: it sees and acts on every process and connection.',
      helper: 'Administrator helper',
      helperHelp: 'The privileged helper runs: actions on other users’ processes and connections go through it.',
      starting: 'Waiting for administrator approval…',
      showAllOwners: 'Show all owners (administrator)',
    },
    copy: {
      done: 'Copied: {{text}}',
      failed: 'Could not copy to the clipboard ({{reason}}). Select the text and copy it by hand.',
    },
  },
  toast: {
    dismiss: 'Dismiss',
  },
  actions: {
    refusedReserved: 'PID {{pid}} ({{name}}) belongs to the operating system: netinspect will not end it.',
    refusedKernelThread: 'PID {{pid}} ({{name}}) is a kernel thread: signals cannot end it.',
    refusedOwn: 'PID {{pid}} ({{name}}) is part of netinspect itself: quit netinspect instead.',
    gone: 'Process {{pid}} has already exited.',
    pidReused: 'The process you chose already exited; PID {{pid}} now belongs to another process ({{name}}).',
    killNeedsElevation: 'Process {{pid}} ({{name}}) belongs to another user: retry as administrator.',
    killDenied: 'Permission denied: the system does not let process {{pid}} ({{name}}) be ended.',
    killTimeout: 'Process {{pid}} ({{name}}) did not exit {{seconds}} s after SIGTERM: use Force to kill it.',
    killStuck:
      'Process {{pid}} ({{name}}) is still there {{seconds}} s after SIGKILL: it is stuck in the kernel (e.g. on a dead disk).',
    closeNeedsElevation: 'Closing a connection needs CAP_NET_ADMIN: retry as administrator.',
    closeNoKernelSupport:
      'This kernel was built without CONFIG_INET_DIAG_DESTROY, so it cannot close a single connection: end the owning process instead.',
    closeNotFound: 'No such connection {{local}} -> {{remote}}: it may have closed already.',
    closeRefusedListening:
      '{{local}} is a listening socket, not a connection: closing it would stop the server accepting. End the process instead if that is what you want.',
    closeRefusedUnconnected:
      '{{local}} -> {{remote}} has no peer (it is not connected): only connections can be closed.',
    closeRefusedOwn:
      'The connection {{local}} -> {{remote}} belongs to netinspect itself (the window, browser mode or its helper): close the window or tab instead.',
    closeFailed: 'Closing the connection {{local}} -> {{remote}} failed: {{reason}}.',
    closeMacos: 'macOS offers no way to close a single connection: end the owning process instead.',
    closeIpv6Windows:
      'Windows can only close IPv4 connections (SetTcpEntry has no IPv6 form): end the owning process instead.',
    unsupportedPlatform: 'Process actions are not available on {{platform}}.',
  },
  input: {
    portNotNumber: 'Invalid {{field}} "{{value}}": give a whole number from 1 to 65535.',
    portOutOfRange: 'Invalid {{field}} {{value}}: ports go from 1 to 65535.',
    rangeFormat: 'Invalid port range "{{value}}": write it as FIRST-LAST, e.g. 8000-8100.',
    rangeReversed:
      'Invalid port range {{first}}-{{last}}: the first port must not exceed the last ({{last}}-{{first}}?).',
    stateUnknown: 'Unknown state "{{value}}": use one of {{allowed}}.',
    stateMissing: 'No state given: use one or more of {{allowed}}.',
    protoUnknown: 'Unknown protocol "{{value}}": use tcp or udp.',
    pidInvalid: 'Invalid PID "{{value}}": give a positive whole number.',
    formatConflict: 'Choose one output format: --json or --csv, not both.',
    servePort: 'Invalid port "{{value}}": give 0 (any free port) or 1 to 65535.',
    field: 'Invalid {{field}}: {{detail}}.',
    duration: 'Invalid {{field}} "{{value}}": give a duration such as 500ms, 60s, 10m or 1h.',
    window: 'Invalid window "{{value}}": use one of {{allowed}}.',
    count: 'Invalid {{field}} "{{value}}": give a whole number of at least {{min}}.',
    percent: 'Invalid {{field}} "{{value}}": give a percentage from 1 to 100.',
    watchTooMany: 'Too many watched ports: at most {{max}}. Remove one first.',
    endpointFormat: 'Invalid {{field}} endpoint "{{value}}": write ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:443.',
    endpointAddress:
      'Invalid {{field}} address "{{value}}": give an IPv4 address (127.0.0.1) or an IPv6 one in brackets ([::1]:443).',
    endpointFamilies: 'The endpoints {{local}} and {{remote}} mix IPv4 and IPv6: a connection has one address family.',
    addressFamily: 'Invalid {{field}} address "{{value}}": it is not an IPv{{family}} address.',
    endpointNoPeer:
      'Invalid {{field}} endpoint "{{value}}": 0.0.0.0 and :: name no peer; give the address of the other end of the connection.',
  },
  cli: {
    error: 'netinspect: {{message}}',
    portInUse: 'Port {{port}} is already in use: pick another with --port, or 0 for any free port.',
    portPrivileged: 'Port {{port}} needs privileges to bind: pick one above 1023.',
    terminated: 'Process {{pid}} ended ({{ms}} ms).',
    killed: 'Process {{pid}} ignored SIGTERM and was killed with SIGKILL ({{ms}} ms).',
    closed: 'Closed the connection {{local}} -> {{remote}} ({{method}}).',
    killNeedsSudo: 'Process {{pid}} belongs to another user: run with sudo.',
    closeNeedsSudo: 'Closing a connection needs CAP_NET_ADMIN: run with sudo.',
    outputFailed:
      'The output could not be written ({{reason}}), so it is incomplete: free space on the disk it goes to, or send it elsewhere.',
  },
  privilege: {
    notAvailable: 'Elevation is not available in this build: run netinspect as root/Administrator.',
    noAgent: 'No graphical elevation agent (pkexec) was found: run netinspect with sudo.',
    noDisplay:
      'No graphical session (DISPLAY or WAYLAND_DISPLAY) to show a password prompt in: run netinspect with sudo.',
    unsupportedPlatform: 'Elevation is not supported on {{platform}}: run netinspect as root/Administrator.',
    cancelled: 'Elevation was cancelled: nothing was changed. Try again and approve the administrator prompt.',
    launchFailed: 'The administrator prompt could not be started ({{message}}). Run netinspect as root/Administrator.',
    timeout:
      'The privileged helper did not start within {{seconds}} s. Try again; if it repeats, run netinspect as root/Administrator.',
    helperExited: 'The privileged helper stopped before it was ready. Try again; its log is at {{log}}.',
    notRunning: 'The privileged helper is not running: choose “Retry as administrator” to start it.',
    lost: 'The connection to the privileged helper was lost. Choose “Retry as administrator” to start it again.',
    unsafePath:
      'netinspect’s path cannot be passed safely to the administrator prompt: {{path}}. Install it in a folder without quotes, $, `, % or line breaks.',
  },
  errors: {
    INVALID_INPUT: 'The request was rejected as invalid: {{message}}. Check the value and try again.',
    UNKNOWN_CHANNEL: 'This version of netinspect does not know that request. Update the app and its host together.',
    EPERM: 'Permission denied. Run netinspect as root/Administrator to act on processes of other users.',
    ESRCH: 'That process no longer exists. Refresh the table and try again.',
    NOT_SUPPORTED: 'This is not supported on this operating system or kernel.',
    NEEDS_ELEVATION: 'This needs administrator rights. Run netinspect as root/Administrator, or allow elevation.',
    REFUSED: 'netinspect refuses to do that: {{message}}',
    COLLECTOR_FAILED: 'The socket collector failed. It restarts by itself; if this repeats, check the error list.',
    TIMEOUT: 'netinspect did not answer in time. Try again; if it repeats, restart netinspect.',
    UNAUTHORIZED: 'Access refused: the session token is wrong or expired. Open the URL `netinspect serve` printed.',
    INTERNAL: 'Something went wrong inside netinspect: {{message}}. Try again; report it if it repeats.',
  },
  ...analyticsEn,
  ...adaptersEn,
  ...analyticsUiEn,
  ...toolsEn,
  ...metricsEn,
  ...limitsEn,
  ...timelineEn,
  ...timelineUiEn,
  ...kernelEventsEn,
  ...procsEn,
  ...connectionsEn,
  ...speedEn,
};

/** The shape every dictionary has: the keys of `en`, each with a string. */
export type Dictionary = Translated<typeof en>;

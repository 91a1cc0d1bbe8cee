// English UI strings: the reference dictionary every other language mirrors key for key.

/** English dictionary for i18next (namespace `translation`). Interpolations use `{{name}}`. */
export const en = {
  app: {
    title: 'netinspect',
    loading: 'Loading sockets…',
    empty: 'No sockets match the filter.',
  },
  grid: {
    label: 'Sockets',
    sortBy: 'Sort by {{column}}',
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
    hidden: 'Hidden: owned by another user',
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
    hiddenOwners:
      'Owners of {{n}} sockets are hidden: netinspect runs without administrator rights; run it as root/Administrator to see every owner.',
    hiddenOwnersElevated:
      'Sockets whose owner could not be seen: {{n}} (their processes ended during the scan, or live out of reach, e.g. in another container).',
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
  toast: {
    dismiss: 'Dismiss',
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
  },
  cli: {
    error: 'netinspect: {{message}}',
    portInUse: 'Port {{port}} is already in use: pick another with --port, or 0 for any free port.',
    portPrivileged: 'Port {{port}} needs privileges to bind: pick one above 1023.',
    hiddenOwners: 'Owners of {{n}} sockets are hidden: run as root to see every owner.',
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
};

/** The shape every dictionary has: the keys of `en`, each with a string. */
export type Dictionary = DeepStrings<typeof en>;

type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

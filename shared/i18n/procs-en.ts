// English strings of traffic per socket and per process: the rate columns and their limits, connection details,
// shared owners, the Processes view, remote host names and `netinspect top`.

/** Sections merged into the English dictionary (`traffic`, `processesUi`, `hostNames`, `top`). */
export const procsEn = {
  traffic: {
    columns: {
      sentRate: 'Sent/s',
      receivedRate: 'Received/s',
    },
    columnHelp: {
      sentRate:
        'Payload bytes sent per second over the last refresh (kernel tcp_info counters). Loopback traffic counts on both ends: sent by one socket, received by its peer.',
      receivedRate:
        'Payload bytes received per second over the last refresh (kernel tcp_info counters). Loopback traffic counts on both ends: sent by one socket, received by its peer.',
    },
    rate: '{{rate}}/s',
    gap: {
      udp: 'UDP has no per-socket byte counters in sock_diag',
      windows:
        'Windows: the TCP table carries no byte counters (GetPerTcpConnectionEStats would give them; netinspect does not read it yet)',
      macos: 'macOS: libproc gives no byte counters per socket',
      timeWait: 'TIME_WAIT: the connection is closed and the kernel keeps no byte counters for it',
      noCounters:
        'No tcp_info counters for this socket (the /proc/net fallback, an older kernel, or a half-open connection)',
      firstSight: 'A rate needs two refreshes: it shows from the next one',
    },
    details: {
      menu: 'Connection details…',
      title: 'Connection details',
      connection: 'Connection',
      state: 'State',
      owners: 'Owners',
      ownersHelp: 'Every process holding this socket, the parent first',
      parent: 'parent',
      noOwner: 'Not visible',
      sentRate: 'Sent now',
      receivedRate: 'Received now',
      sentTotal: 'Sent in total',
      receivedTotal: 'Received in total',
      totalsNote:
        'Totals are the kernel’s tcp_info counters: payload bytes since the connection opened, including before netinspect saw it (first seen {{seen}}).',
      noTotals: 'No byte counters',
      rtt: 'Round-trip time',
      retransmits: 'Retransmitted segments',
      remoteName: 'Remote host',
      close: 'Close',
    },
    killShared: {
      noteOne:
        'Killing a worker does not free port {{ports}}: its master {{name}} ({{pid}}) and the other workers hold it too. Kill the master {{pid}}?',
      noteMany:
        'Killing a worker does not free ports {{ports}}: its master {{name}} ({{pid}}) and the other workers hold them too. Kill the master {{pid}}?',
      button: 'Kill the master {{name}} ({{pid}})…',
    },
  },
  processesUi: {
    tab: 'Processes',
    table: 'Processes',
    past: 'As recorded at {{time}}: rates over the refresh that ended then; bytes are the kernel counters of the connections open then, each since it opened. No sparklines: go back to live for them.',
    interval: 'Rates over the last {{ms}} ms; bytes since netinspect saw each process.',
    loopback: 'Loopback traffic counts on both ends (sent by one process, received by its peer); UDP is not counted.',
    closedKernel: 'Closed connections count by their final kernel counters (destroy events).',
    closedObserved:
      'Closed connections count as last seen at a refresh: bytes after it are missed (kernel destroy events are off).',
    loading: 'Measuring traffic…',
    empty: 'No process holds a socket.',
    error: 'Could not load traffic: {{message}}',
    columns: {
      name: 'Process',
      pid: 'PID',
      user: 'User',
      listening: 'Listening',
      states: 'Sockets by state',
      sentRate: 'Sent/s',
      receivedRate: 'Received/s',
      bytes: 'Bytes ↑sent ↓received',
      remoteHosts: 'Remote hosts',
      actions: 'Actions',
    },
    status: {
      idle: 'idle',
      idleHelp: 'Still running, holds no socket now',
      exited: 'exited',
      exitedHelp: 'Exited; its totals stay a while',
    },
    udp: 'UDP',
    udpHelp: 'Holds UDP sockets: their bytes are not in these figures (sock_diag has no per-socket UDP counters)',
    noRate: 'No TCP byte counters for this process',
    expand: 'Show connections of {{name}} ({{pid}})',
    collapse: 'Hide connections of {{name}} ({{pid}})',
    connections: 'Connections of {{name}} ({{pid}})',
    noConnections: 'No connections now.',
    connectionColumns: {
      local: 'Local',
      remote: 'Remote',
      state: 'State',
    },
    menu: {
      label: 'Process actions',
      open: 'Actions for {{name}} ({{pid}})',
      kill: 'Kill process…',
      details: 'Process details…',
      filter: 'Filter to this process',
      gone: 'The process has exited',
    },
    hidden: {
      name: 'Hidden owners',
      kernel: 'No owner (kernel)',
      sockets: '{{n}} sockets',
    },
    rateLabel: '{{direction}} rate of {{name}} over the last {{n}} refreshes',
    destinations: {
      title: 'Top destinations',
      host: 'Host',
      connections: 'Connections',
      bytes: 'Bytes ↑sent ↓received',
      processes: 'Processes',
      empty: 'No remote hosts yet.',
    },
  },
  hostNames: {
    resolve: 'Resolve addresses',
    resolveHelp:
      'Show host names of remote addresses: the hosts file, then reverse DNS in the background (public addresses only)',
    private: 'Also private',
    privateHelp: 'Also send reverse-DNS queries for loopback, private and link-local addresses',
    title: '{{name}} ({{address}})',
  },
  top: {
    sortUnknown: 'Unknown sort "{{value}}": use one of {{allowed}}.',
    title: 'netinspect top · {{time}} · every {{interval}} · by {{sort}} · {{n}} processes',
    total: 'Total: {{sent}} sent, {{received}} received',
    more: '… and {{n}} more',
    hiddenName: '(hidden owners)',
    limits:
      'TCP payload from the kernel’s tcp_info counters; UDP is not counted (no per-socket counters); loopback counts on both ends.',
    closedKernel: 'Closed connections count by their final kernel counters.',
    closedObserved: 'Kernel destroy events are off: closed connections count as last seen at a refresh.',
    sorts: {
      rate: 'rate',
      bytes: 'bytes',
      conns: 'connections',
    },
    columns: {
      pid: 'PID',
      user: 'USER',
      process: 'PROCESS',
      sent: 'SENT/s',
      received: 'RECV/s',
      sentTotal: 'SENT',
      receivedTotal: 'RECV',
      conns: 'CONNS',
      status: 'STATUS',
    },
    status: {
      live: 'live',
      idle: 'idle',
      exited: 'exited',
    },
  },
};

// English strings of the Connections log (window and `netinspect closed`) and of the tracing mode the status bar,
// the Charts view and the details dialog show.

/** The `connections` and `tracing` sections merged into the English dictionary. */
export const connectionsEn = {
  connections: {
    tab: 'Connections',
    past: 'From the recording: {{n}} connections closed from {{since}} to {{until}}.',
    pastTruncated:
      'From the recording: the first {{n}} connections closed from {{since}} to {{until}} (more closed in those seconds than the log holds).',
    gridLabel: 'Closed connections',
    loading: 'Loading closed connections…',
    none: 'No connection has closed since netinspect started.',
    noMatch: 'No closed connection matches the filter.',
    shown: 'Shown: {{shown}} of {{kept}}',
    total: 'Closed since start: {{n}}',
    error: 'The Connections log could not be read: {{message}}',
    columns: {
      closedAt: 'Closed at',
      proto: 'Proto',
      local: 'Local address',
      remote: 'Remote address',
      finalState: 'Final state',
      duration: 'Duration',
      sent: 'Sent',
      received: 'Received',
      rtt: 'RTT ms',
      retransmits: 'Retrans.',
      owner: 'Process',
      failed: 'Connect',
    },
    failed: 'Failed',
    failedHelp: 'connect() never succeeded: refused, timed out or unreachable (SYN_SENT straight to closed)',
    closedAtSource: {
      kernel: 'When the kernel freed the socket (destroy event)',
      trace: 'When the kernel traced its last state change',
      observed: 'The refresh that found it gone: it closed a little earlier',
    },
    finalStateSource: {
      trace: 'The state the kernel’s tracepoint saw it close from: exact',
      kernel:
        'From the kernel: the connection lives on in this state, or the kernel freed it with no earlier state known',
      observed:
        'The last state a refresh saw, up to one refresh before the close: it may have changed since. State tracing (netinspect as administrator, tracefs mounted) makes it exact.',
    },
    durationSource: {
      trace: 'From the traced opening to the close: exact',
      observed: 'From the refresh that first saw it open: it may be older, so it lived at least this long',
      kernel: 'From the kernel: exact',
    },
    why: {
      udp: 'UDP keeps no byte counters',
      neverConnected: 'The connect never succeeded: nothing was sent or received',
      notPolled: 'Only a refresh saw this close, and it read no counters for it',
      finUnknown:
        'The kernel’s count may include the peer’s FIN and nothing told whether it does, so the payload is not known exactly',
      noTcpInfo: 'The kernel sent no final counters (a reset, or a kernel before 4.19)',
      noOwner: 'No process was seen holding it (it closed before a refresh saw it, or the owner was hidden)',
      neverSeenOpen: 'Never seen open: it closed before a refresh or the trace saw it',
    },
    source: {
      label: 'Source of the Connections log',
      kernel: 'Every close, from the kernel’s destroy events',
      observed: 'Closes found by comparing refreshes: connections shorter than one refresh are missed',
      lost: '{{n}} events lost (read too slowly)',
      lostMin: 'At least {{n}} events lost (read too slowly)',
      noLoss: 'None lost',
      opened: 'Opening times: {{mode}}',
      openedTrace: 'traced (exact)',
      openedObserved: 'first seen by a refresh (durations are at least)',
    },
    chart: {
      title: 'Closed per second, last 5 minutes',
      label:
        'Bar chart of connections closed per second over the last five minutes; the exact numbers are in the table',
      count: 'Closed',
    },
    menu: {
      label: 'Closed connection actions',
    },
    cli: {
      sampling:
        'Closed connections during {{ticks}} refreshes {{ms}} ms apart ({{source}}); --follow keeps watching, the app keeps the last 10,000.',
      following: 'Following closed connections ({{source}}) until Ctrl+C.',
      sourceKernel: 'every close, from the kernel’s destroy events',
      sourceObserved: 'found by comparing refreshes: {{reason}}',
      sourceDiffs: 'found by comparing refreshes: connections shorter than one refresh are missed',
      lost: '{{n}} kernel events were lost: netinspect read them too slowly.',
      observedState:
        '{{mark}} the last state a refresh saw, up to one refresh before the close; it may have changed since. With state tracing on (netinspect as administrator, tracefs mounted), the state each connection closed from is exact.',
    },
  },
  tracing: {
    transitions: {
      trace: 'Transitions: traced',
      observed: 'Transitions: observed at each refresh',
    },
    transitionsHelp: {
      trace: 'Every TCP state change comes from the kernel’s tracepoint, exactly.',
      observed: 'State changes are seen by comparing refreshes: short-lived states and connections can be missed.',
    },
    closes: {
      kernel: 'Closes: kernel',
      observed: 'Closes: refresh diffs',
    },
    closesHelp: {
      kernel: 'Every closed connection comes from the kernel’s destroy events.',
      observed: 'Closed connections are found by comparing refreshes: those shorter than one refresh are missed.',
    },
    mount: 'Mount tracefs, then tracing starts by itself:',
    charts: {
      trace: 'Traced: every TCP state transition, from the kernel.',
      observed: 'Observed at each refresh (short-lived states can be missed).',
    },
    age: {
      kernel: 'kernel clock',
      kernelBound: 'kernel clock, at least',
      trace: 'traced',
      observed: 'first seen by polling, at least',
    },
  },
};

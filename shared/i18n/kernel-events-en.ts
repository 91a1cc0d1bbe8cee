// English strings of the kernel event sources (closed connections, traced transitions): names, why one is off,
// and the one action that turns it on.

/** The `kernelEvents` section merged into the English dictionary. */
export const kernelEventsEn = {
  kernelEvents: {
    source: {
      closedSockets: 'Closed connections (kernel destroy events)',
      stateTrace: 'State transitions (kernel tracepoint)',
    },
    reason: {
      noSockDiag:
        'This kernel or sandbox offers no sock_diag netlink socket ({{errno}}): closed connections are counted by comparing refreshes.',
      groupsRefused:
        'The kernel refused to deliver socket destroy events ({{errno}}), as a container may: closed connections are counted by comparing refreshes.',
      noDestroyGroups:
        'This kernel sends no socket destroy events: closed connections are counted by comparing refreshes.',
      threadFailed: 'The reader thread of this source could not start ({{errno}}).',
      failed: 'This source stopped: {{detail}}.',
      notRoot: 'Tracing every state transition needs administrator rights: transitions are observed at each refresh.',
      tracefsNotMounted: 'tracefs is not mounted: transitions are observed at each refresh.',
      eventMissing: 'This kernel has no sock:inet_sock_set_state tracepoint: transitions are observed at each refresh.',
      instanceRefused:
        'tracefs refused a private trace instance ({{errno}}): transitions are observed at each refresh.',
    },
    action: {
      elevate: 'Choose “Show all owners (administrator)”, or run netinspect with sudo.',
      mount: 'Mount it, then it starts by itself: {{command}}',
      newerKernel: 'Run on Linux {{version}} or later.',
      allowNetlink: 'Run netinspect on the host, or allow NETLINK_SOCK_DIAG sockets in the container.',
      writableTracefs: 'Make tracefs writable for root (it may be mounted read-only), then restart netinspect.',
      restart: 'Restart netinspect; if this repeats, report it.',
    },
  },
};

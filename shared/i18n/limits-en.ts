// English strings of input limits every door shares, the strict filter check and the hidden-owner notes.

/** Sections merged into the English dictionary (`limits`, `filterCheck`, `owners`). */
export const limitsEn = {
  limits: {
    stateEmpty:
      'Invalid state list "{{value}}": there is an empty name between commas. Give one or more of {{allowed}}, separated by commas.',
    interval: 'Invalid {{field}} "{{value}}": give a time from {{min}} to {{max}}.',
    durationRange: 'Invalid {{field}} "{{value}}": give a duration from {{min}} to {{max}}.',
    countRange: 'Invalid {{field}} "{{value}}": give a whole number from {{min}} to {{max}}.',
  },
  filterCheck: {
    tooLong: 'The filter is {{length}} characters long: at most {{max}} are allowed.',
    unknownKey:
      'Unknown filter key "{{key}}" in "{{token}}": use {{allowed}}, or a word without a colon to search all columns.',
    emptyValue: 'The filter term "{{token}}" has no value after its colon, e.g. state:listen or :8080.',
    state: 'Unknown state "{{value}}" in the filter term "{{token}}": use one of {{allowed}}.',
    port: 'Invalid port in the filter term "{{token}}": give a whole number from 0 to 65535.',
    pid: 'Invalid PID in the filter term "{{token}}": give a positive whole number.',
    proto: 'Unknown protocol in the filter term "{{token}}": use tcp, udp, tcp4, tcp6, udp4 or udp6.',
  },
  owners: {
    hiddenOne:
      'The owner of 1 socket is hidden: netinspect runs without administrator rights; run it as root/Administrator (in the window: Show all owners) to see every owner.',
    hiddenMany:
      'Owners of {{n}} sockets are hidden: netinspect runs without administrator rights; run it as root/Administrator (in the window: Show all owners) to see every owner.',
    recordedOne:
      'The recording names no owner for 1 socket: the recorder could not see it (it ran without administrator rights, or the process was out of its reach).',
    recordedMany:
      'The recording names no owner for {{n}} sockets: the recorder could not see them (it ran without administrator rights, or the processes were out of its reach).',
    unseenOne:
      'The owner of 1 socket could not be seen, even with administrator rights: it belongs to a process out of reach (another PID namespace, e.g. a container), to no process at all, or its process ended during the scan.',
    unseenMany:
      'Owners of {{n}} sockets could not be seen, even with administrator rights: they belong to processes out of reach (another PID namespace, e.g. a container), to no process at all, or their processes ended during the scan.',
  },
};

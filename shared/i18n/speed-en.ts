// English strings of the fast paths: an answer taken from a running netinspect's live table.

/** The `speed` section merged into the English dictionary. */
export const speedEn = {
  speed: {
    warmTable:
      'From the live table of the netinspect already running ({{host}}, pid {{pid}}), {{age}} s old. Use --cold for a snapshot of your own.',
    cutShort:
      'The running netinspect stopped answering part-way ({{reason}}): run the command again, or add --cold to read the kernel here.',
    host: { electron: 'window', browser: 'netinspect serve', cli: 'netinspect command' },
  },
};

// English strings of the timeline store: recordings that cannot be opened, paused recording, TIME input.

/** Sections merged into the English dictionary (`timeline`). */
export const timelineEn = {
  timeline: {
    error: {
      notSqlite:
        '"{{file}}" is not a netinspect recording (it is not an SQLite database). Choose a file written by netinspect record or the app.',
      foreign:
        '"{{file}}" is an SQLite database, but not a netinspect recording. Choose a file written by netinspect record or the app.',
      missing: 'There is no recording at "{{file}}". Check the path, or start one with netinspect record --db FILE.',
      newerSchema:
        '"{{file}}" was written by a newer netinspect (recording format {{found}}; this version reads up to {{supported}}). Update netinspect to open it.',
      corrupt:
        '"{{file}}" is damaged ({{detail}}). Nothing was changed: open an intact copy, or record to a new file with --db.',
      locked:
        '"{{file}}" is being recorded by another recorder (pid {{pid}} on {{host}} since {{since}}). Stop that recorder first, or record to another file with --db.',
      unwritable:
        'Cannot write the recording "{{file}}": {{reason}}. Choose a writable folder with --db, or fix the folder’s permissions.',
      outOfRange:
        'Nothing was recorded at {{time}}: this recording covers {{from}} to {{to}}. Choose a time in that range.',
      empty: 'The recording "{{file}}" holds no tick yet: wait for the recorder’s first second, then try again.',
      sqliteUnavailable:
        'Recordings need the SQLite binding (libsql), which could not be loaded ({{detail}}). Reinstall netinspect’s dependencies (npm install) and try again.',
    },
    paused: {
      diskFull:
        'Recording paused: the disk holding "{{file}}" is full. The live view goes on; recording resumes by itself once space is freed.',
      unwritable:
        'Recording paused: "{{file}}" cannot be written ({{reason}}). The live view goes on; recording resumes once it can be written again.',
      failed:
        'Recording paused: writing "{{file}}" failed ({{reason}}). The live view goes on; netinspect retries every few seconds.',
    },
    input: {
      time: 'Invalid {{field}} "{{value}}": give an ISO 8601 time (2026-12-01T03:02:17, add Z or +08:00 for another zone), a time today (03:02 or 03:02:17) or one relative to now (-10m, -2h, -1d).',
    },
  },
};

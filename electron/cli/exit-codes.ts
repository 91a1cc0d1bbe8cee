// Exit codes of the `netinspect` command (documented in README.md).

/** Success. */
export const EXIT_OK = 0;
/** The command ran but failed (collector error, missing privilege, OS feature absent). */
export const EXIT_FAILURE = 1;
/** Bad input: unknown option, invalid port, range, state or format. */
export const EXIT_USAGE = 2;

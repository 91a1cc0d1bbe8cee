// Exit codes of the `netinspect` command (documented in README.md).

/** Success. */
export const EXIT_OK = 0;
/**
 * The command ran but failed: collector error, missing privilege (NEEDS_ELEVATION), OS feature absent
 * (NOT_SUPPORTED), the process or connection already gone (ESRCH), a refused or timed-out kill.
 */
export const EXIT_FAILURE = 1;
/** Bad input: unknown option, invalid port, range, state, format, pid or endpoint. */
export const EXIT_USAGE = 2;

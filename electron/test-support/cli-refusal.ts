// A CLI run that must refuse its input: exit code 2 (a usage error, commander's or ours) and nothing on stdout.
import { expect } from 'vitest';
import { runCli } from './net-fixtures';

/** Runs `netinspect <args>`, expects the refusal, and gives the first line of stderr: the one that says why. */
export async function refusalLine(args: readonly string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr.split('\n')[0];
}

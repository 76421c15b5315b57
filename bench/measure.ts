import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliMeasurement {
  exitCode: number;
  seconds: number;
  /** Peak resident set size of the child process, in MiB. */
  peakMiB: number;
  stderr: string;
}

/**
 * Runs the built `rolesmith <argv>` in a child process and measures it,
 * including module loading (what a user waits for).
 */
export async function measureCli(
  argv: string[],
  cwd: string,
): Promise<CliMeasurement> {
  const child = fileURLToPath(new URL('./child.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [child, ...argv], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as CliMeasurement;
}

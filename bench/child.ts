import { performance } from 'node:perf_hooks';
import { runCli } from '../src/cli/run.ts';

/**
 * Runs one CLI invocation in a fresh process and prints its exit code,
 * wall time and peak memory as JSON, so a benchmark measures the command
 * alone and not the generator that made its input.
 */
const start = performance.now();
let stderr = '';
const exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: { ...process.env, ROLESMITH_TODAY: '2026-12-03' },
  stdout: () => undefined,
  stderr: (text) => {
    stderr += text;
  },
});
const seconds = (performance.now() - start) / 1000;
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({ exitCode, seconds, peakMiB, stderr: stderr.slice(0, 2000) }),
);

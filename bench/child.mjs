// Runs one built CLI invocation (dist/, as users run it) in a fresh
// process and prints its exit code, wall time and peak memory as JSON, so
// a benchmark measures the command alone, not the generator of its input.
import { performance } from 'node:perf_hooks';

const start = performance.now();
const { runCli } = await import('../dist/cli/run.js');
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

// Mines one HP Labs data set with the built exact miner (dist/, as users
// run it) in a fresh process and prints its figures as JSON: wall time
// from process start (loading, reading and mining), the mining alone, and
// peak memory.
import { performance } from 'node:perf_hooks';

const [path, objective = 'roles', limit = '60'] = process.argv.slice(2);
const { mineExact } = await import('../dist/mining/exact/index.js');
const { readPairFile } = await import('../dist/inventory/pair-file.js');
const { silentLogger } = await import('../dist/logger.js');

// MINING_TRACE=1 prints the time of each step to stderr.
let last = performance.now();
const trace = {
  ...silentLogger,
  debug(message) {
    const now = performance.now();
    process.stderr.write(
      `${(now - last).toFixed(0).padStart(6)} ms  ${message}\n`,
    );
    last = now;
  },
};
const logger = process.env.MINING_TRACE ? trace : silentLogger;

const readStart = performance.now();
const { inventory } = await readPairFile(path, {
  logger: silentLogger,
  onBadRecord: 'stop',
});
const mineStart = performance.now();
const result = await mineExact(inventory.assignments, {
  objective,
  timeLimitSeconds: Number(limit),
  logger,
});
const end = performance.now();
console.log(
  JSON.stringify({
    roles: result.metrics.roles,
    wsc: result.metrics.wsc,
    lowerBound: result.lowerBound,
    optimal: result.optimal,
    seconds: end / 1000,
    readSeconds: (mineStart - readStart) / 1000,
    mineSeconds: (end - mineStart) / 1000,
    peakMiB: process.resourceUsage().maxRSS / 1024,
  }),
);

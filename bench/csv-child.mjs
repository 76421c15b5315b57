// Reads one CSV inventory folder with the built reader (dist/, as the CLI
// runs it) in a fresh process and prints wall time, CPU time, peak memory
// and counts as JSON, so the benchmark measures the read alone, not the
// generator that wrote the files.
import { performance } from 'node:perf_hooks';

const start = performance.now();
const { readCsvInventory } =
  await import('../dist/inventory/csv/csv-inventory.js');
const { silentLogger } = await import('../dist/logger.js');
const { inventory, skipped } = await readCsvInventory(process.argv[2], {
  logger: silentLogger,
  onBadRecord: 'stop',
});
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    identities: inventory.identities.length,
    machines: inventory.identities.filter((i) => i.kind !== 'human').length,
    entitlements: inventory.entitlements.length,
    assignments: inventory.assignments.length,
    skipped: skipped.length,
  }),
);

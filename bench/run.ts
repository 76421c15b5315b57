import { benchCheckScale } from './check-scale.ts';
import { benchCsvScale } from './csv-scale.ts';
import { benchDemo } from './demo.ts';
import { benchMiningHp } from './mining-hp.ts';
import { benchMiningRecovery } from './mining-recovery.ts';
import { benchMiningScale } from './mining-scale.ts';

/**
 * `npm run bench`: each benchmark runs in this process in turn and prints
 * its figures against the targets of its issue. Pass names to run a few.
 */
const BENCHES: Record<string, () => Promise<string[]>> = {
  check: benchCheckScale,
  csv: benchCsvScale,
  demo: benchDemo,
  'mining-hp': benchMiningHp,
  'mining-recovery': benchMiningRecovery,
  'mining-scale': benchMiningScale,
};

const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`# ${name}`);
  for (const line of await bench()) console.log(line);
}

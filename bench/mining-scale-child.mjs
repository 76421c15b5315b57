// Loads a generated organisation from TSV files and runs the built
// governed miner on it in a fresh process, printing load and mining time
// and the process's peak memory as JSON; the generator's own memory stays
// in the parent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ATTRIBUTES = ['department', 'title', 'location', 'cost_center'];
const dir = process.argv[2] ?? '.';
const start = performance.now();
const { mineGoverned, checkGovernedInvariants } =
  await import('../dist/mining/governed/index.js');
const identities = [];
for (const line of lines(join(dir, 'identities.tsv'))) {
  const [id, kind, ...values] = line.split('\t');
  const attributes = {};
  values.forEach((value, k) => {
    if (value !== '') attributes[ATTRIBUTES[k]] = value;
  });
  identities.push({ id, kind, attributes });
}
const assignments = [];
for (const line of lines(join(dir, 'assignments.tsv'))) {
  const [identity, entitlement, grantedAt, lastUsedAt] = line.split('\t');
  assignments.push({
    identity,
    entitlement,
    grantedAt,
    lastUsedAt,
    source: 'direct',
  });
}
const inventory = { identities, entitlements: [], assignments, sources: [] };
const loaded = performance.now();
const result = mineGoverned(inventory);
const mined = performance.now();
const peakMiB = process.resourceUsage().maxRSS / 1024;
const problems = process.argv.includes('--verify')
  ? checkGovernedInvariants(inventory, result, { minMembers: 3 }).length
  : null;
console.log(
  JSON.stringify({
    assignments: assignments.length,
    identities: identities.length,
    loadSeconds: (loaded - start) / 1000,
    mineSeconds: (mined - loaded) / 1000,
    peakMiB,
    metrics: result.metrics,
    outliers: result.outliers.length,
    problems,
  }),
);

function* lines(file) {
  const text = readFileSync(file, 'utf8');
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (to > from) yield text.slice(from, to);
    from = to + 1;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalogue } from './generate-catalogue.ts';
import { measureCli } from './measure.ts';

/** Issue #2 target: a full check in at most 5 s and 1 GiB. */
export async function benchCheckScale(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rolesmith-bench-check-'));
  try {
    const scale = {
      roles: 10_000,
      risks: 1_000,
      identities: 100_000,
      entitlements: 20_000,
      seed: 7,
    };
    await generateCatalogue(dir, scale);
    // Three runs, median reported: the first also pays for the page cache
    // writing back the files the generator just made.
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await measureCli(
        ['check', dir, '--format', 'json', '-o', join(dir, 'out.json')],
        dir,
      );
      if (run.exitCode === 2 || run.exitCode === 70) {
        throw new Error(`check failed (${run.exitCode}): ${run.stderr}`);
      }
      runs.push(run);
    }
    runs.sort((a, b) => a.seconds - b.seconds);
    const run = runs[1] ?? runs[0];
    if (run === undefined) throw new Error('no run');
    const all = runs.map((r) => r.seconds.toFixed(2)).join(', ');
    return [
      `check: ${scale.roles} roles, ${scale.risks} risks, ${scale.identities} identities`,
      `  seconds ${run.seconds.toFixed(2)} (target ≤ 5), peak ${run.peakMiB.toFixed(0)} MiB (target ≤ 1024), exit ${run.exitCode}`,
      `  all runs: ${all} s`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

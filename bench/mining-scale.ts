import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { RoleSetMetrics } from '../src/mining/types.ts';
import { SCALE_ORG, generateOrg } from './generate-org.ts';

const run = promisify(execFile);

interface ScaleRun {
  assignments: number;
  identities: number;
  loadSeconds: number;
  mineSeconds: number;
  peakMiB: number;
  metrics: RoleSetMetrics;
  outliers: number;
  problems: number | null;
}

const ATTRIBUTES = ['department', 'title', 'location', 'cost_center'];

/**
 * Issue #4 target: governed mining of 100,000 identities, 20,000
 * entitlements and 3,000,000 assignments in at most 60 s and 4 GiB. The
 * built miner (dist/, so run `npm run build` first) runs in a child
 * process that loads the organisation from TSV files the parent wrote.
 */
export async function benchMiningScale(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rolesmith-bench-mine-'));
  try {
    const org = generateOrg(SCALE_ORG);
    await writeLines(
      join(dir, 'identities.tsv'),
      org.inventory.identities.map((identity) =>
        [
          identity.id,
          identity.kind,
          ...ATTRIBUTES.map((a) => identity.attributes[a] ?? ''),
        ].join('\t'),
      ),
    );
    await writeLines(
      join(dir, 'assignments.tsv'),
      org.inventory.assignments.map((a) =>
        [a.identity, a.entitlement, a.grantedAt ?? '', a.lastUsedAt ?? ''].join(
          '\t',
        ),
      ),
    );
    const entitlements = new Set(
      org.inventory.assignments.map((a) => a.entitlement),
    ).size;
    const child = fileURLToPath(
      new URL('./mining-scale-child.mjs', import.meta.url),
    );
    const verify = process.argv.includes('--verify') ? ['--verify'] : [];
    const { stdout } = await run(process.execPath, [child, dir, ...verify], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(
      stdout.trim().split('\n').pop() ?? '{}',
    ) as ScaleRun;
    const { metrics } = result;
    return [
      `mine (governed): ${result.identities} identities, ${entitlements} entitlements, ${result.assignments} assignments`,
      `  mining ${result.mineSeconds.toFixed(1)} s (target ≤ 60), peak ${result.peakMiB.toFixed(0)} MiB (target ≤ 4096), loading the TSV files ${result.loadSeconds.toFixed(1)} s`,
      `  ${metrics.roles} roles, WSC ${metrics.wsc}, coverage ${(100 * metrics.coverage).toFixed(1)}%, ${metrics.exceptions} exceptions, ${result.outliers} outliers`,
      ...(result.problems === null
        ? []
        : [
            `  invariants: ${result.problems === 0 ? 'all hold' : `${result.problems} broken`}`,
          ]),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeLines(file: string, rows: string[]): Promise<void> {
  const out = createWriteStream(file);
  const chunk = 10_000;
  for (let i = 0; i < rows.length; i += chunk) {
    if (!out.write(`${rows.slice(i, i + chunk).join('\n')}\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchMiningScale()) console.log(line);
}

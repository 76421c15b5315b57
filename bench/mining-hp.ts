import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DIR = fileURLToPath(
  new URL('../../shared/datasets/rolemining/', import.meta.url),
);

/**
 * Issue #4 targets: the proven minimum role count, and with the WSC
 * objective a WSC no higher than the best known (sources in
 * bench/reference/hp-wsc.md).
 */
const SETS = [
  { name: 'healthcare', minimum: 14, wsc: 268 },
  { name: 'domino', minimum: 20, wsc: 747 },
  { name: 'emea', minimum: 34, wsc: 7078 },
  { name: 'apj', minimum: 453, wsc: 4867 },
  { name: 'firewall1', minimum: 64, wsc: 2019 },
  { name: 'firewall2', minimum: 10, wsc: 1120 },
  { name: 'americas_small', minimum: 178, wsc: 10681 },
  { name: 'americas_large', minimum: 398, wsc: 91677 },
  { name: 'customer', minimum: 276, wsc: 45332 },
];

/** Time limit of each WSC run; the role-count runs finish well before. */
const WSC_SECONDS = 10;

interface ChildFigures {
  roles: number;
  wsc: number;
  lowerBound: number | null;
  optimal: boolean;
  /** Process start to result: loading, reading and mining. */
  seconds: number;
  mineSeconds: number;
  peakMiB: number;
}

async function mineInChild(
  file: string,
  objective: 'roles' | 'wsc',
  seconds: number,
): Promise<ChildFigures> {
  const child = fileURLToPath(new URL('./mining-child.mjs', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    [child, file, objective, String(seconds)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const last = stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as ChildFigures;
}

/**
 * `rolesmith mine --exact` on the nine HP Labs data sets, each in its own
 * process on the built code: the role-count run (time, memory, proof) and
 * a WSC run, against the targets.
 */
export async function benchMiningHp(): Promise<string[]> {
  if (!existsSync(DIR)) {
    return [`mining-hp: skipped, no data sets at ${DIR}`];
  }
  const lines = [
    '| data set | roles | proven minimum | lower bound | optimal | WSC | reference WSC | seconds | mine s | peak MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  let seconds = 0;
  let mining = 0;
  let peak = 0;
  let minima = 0;
  let wscMet = 0;
  for (const set of SETS) {
    const file = join(DIR, `${set.name}.txt`);
    const exact = await mineInChild(file, 'roles', 60);
    const wsc = await mineInChild(file, 'wsc', WSC_SECONDS);
    seconds += exact.seconds;
    mining += exact.mineSeconds;
    peak = Math.max(peak, exact.peakMiB);
    if (exact.roles === set.minimum && exact.optimal) minima++;
    if (wsc.wsc <= set.wsc) wscMet++;
    lines.push(
      `| ${set.name} | ${exact.roles} | ${set.minimum} | ${exact.lowerBound ?? '–'} | ${exact.optimal ? 'yes' : 'no'} | ${wsc.wsc}${wsc.optimal ? ' (optimal)' : ''} | ${set.wsc} | ${exact.seconds.toFixed(2)} | ${exact.mineSeconds.toFixed(2)} | ${exact.peakMiB.toFixed(0)} |`,
    );
  }
  lines.push(
    `total: ${seconds.toFixed(2)} s end to end, ${mining.toFixed(2)} s mining (target ≤ 3 s for all nine), peak ${peak.toFixed(0)} MiB (target ≤ 2048)`,
    `proven minimum on ${minima}/9; WSC at or below the reference on ${wscMet}/9 (WSC runs limited to ${WSC_SECONDS} s each)`,
  );
  return lines;
}

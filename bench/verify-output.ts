// An auditor's check of `rolesmith mine --format json` output, written
// apart from the miner (it imports nothing from src/) so that a bug there
// cannot hide here. It recomputes |R|, |UA|, |PA| and WSC from the roles
// and checks that every input pair is granted by a role or listed as an
// exception, and that no role grants a pair the input lacks.
//
//   npx tsx bench/verify-output.ts <pair file> <mine output.json>
import { readFileSync } from 'node:fs';

interface Output {
  roles: { identities: string[]; entitlements: string[] }[];
  exceptions: { identity: string; entitlement: string }[];
  metrics: { roles: number; ua: number; pa: number; wsc: number };
}

const [pairPath, outputPath] = process.argv.slice(2);
if (pairPath === undefined || outputPath === undefined) {
  console.error('usage: verify-output.ts <pair file> <mine output.json>');
  process.exit(2);
}
const input = new Set<string>();
for (const line of readFileSync(pairPath, 'utf8').split('\n')) {
  const fields = line.trim().split(/\s+/);
  if (fields.length === 2 && !line.trim().startsWith('#')) {
    input.add(fields.join('\t'));
  }
}
const output = JSON.parse(readFileSync(outputPath, 'utf8')) as Output;

const granted = new Set<string>();
let ua = 0;
let pa = 0;
for (const role of output.roles) {
  ua += role.identities.length;
  pa += role.entitlements.length;
  for (const i of role.identities) {
    for (const e of role.entitlements) granted.add(`${i}\t${e}`);
  }
}
const excepted = new Set(
  output.exceptions.map((x) => `${x.identity}\t${x.entitlement}`),
);
const extra = [...granted].filter((p) => !input.has(p));
const lost = [...input].filter((p) => !granted.has(p) && !excepted.has(p));
const wsc = output.roles.length + ua + pa + excepted.size;
const report = {
  pairs: input.size,
  roles: output.roles.length,
  ua,
  pa,
  exceptions: excepted.size,
  wsc,
  reportedWsc: output.metrics.wsc,
  grantedButNotHeld: extra.length,
  heldButUnaccounted: lost.length,
};
console.log(JSON.stringify(report));
const ok =
  extra.length === 0 && lost.length === 0 && wsc === output.metrics.wsc;
process.exit(ok ? 0 : 1);

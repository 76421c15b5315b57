import type { AcmeBuilder, Pair, Person } from './builder.ts';
import { NEVER, RECENT, STALE, USED } from './builder.ts';
import { awsRole, PROD } from './catalogue.ts';
import { DEPARTMENTS } from './org-chart.ts';
import { SOD_ENTITLEMENTS } from './sod-plants.ts';

export interface Noise {
  oneOff: Pair[];
  jobMoveLeftover: (Pair & { from: string })[];
  stale: Pair[];
  neverUsed: Pair[];
  volatile: Pair[];
}

const CATALOGUE_NAMES = /^u10[0-4]\d$/;

/** Licences bought for everyone who asked and never opened. */
const SHELFWARE = [
  'pluralsight:learner',
  'loom:creator',
  'adobe:acrobat-pro',
  'tableau:viewer',
  'miro:editor',
  'linkedin:sales-navigator',
  'figma:editor',
];

/**
 * The mess every real inventory has: one-off grants, access kept after a
 * job move, planted access nobody uses any more, licences never used, and
 * recent emergency access of on-call responders and pipelines.
 */
export function addNoise(
  org: AcmeBuilder,
  people: Person[],
  machines: Map<string, Person[]>,
  critical: Set<string>,
): Noise {
  const { random } = org;
  const noise: Noise = {
    oneOff: [],
    jobMoveLeftover: [],
    stale: [],
    neverUsed: [],
    volatile: [],
  };
  const safe = (e: string) => !SOD_ENTITLEMENTS.has(e) && !critical.has(e);
  const staff = people.filter(
    (p) => p.department !== 'Executive' && !CATALOGUE_NAMES.test(p.id),
  );

  // Job moves: the old title's (and department's) access stays behind.
  const titles = DEPARTMENTS.flatMap((d) =>
    d.titles.map((t) => ({ d, t })),
  ).filter(({ t }) => t.entitlements.every(safe));
  const movers = new Set<string>();
  while (movers.size < 60) {
    const p = random.pick(staff);
    const old = random.pick(titles);
    if (movers.has(p.id) || old.t.title === p.title) continue;
    movers.add(p.id);
    const from = `${old.d.name} / ${old.t.title}`;
    const left =
      old.d.name === p.department
        ? old.t.entitlements
        : [...old.d.entitlements, ...old.t.entitlements];
    const when = random.next() < 0.7 ? STALE : USED;
    for (const e of left) {
      if (org.grant(p.id, e, when))
        noise.jobMoveLeftover.push({ identity: p.id, entitlement: e, from });
    }
  }

  // One-off grants, from anywhere in the catalogue that carries no SoD risk.
  const pool = [
    ...new Set(
      org.roles
        .filter((r) => r.audience === 'human')
        .flatMap((r) => r.entitlements),
    ),
  ]
    .filter(safe)
    .concat([
      'sap:SE16N',
      'sap:SM30',
      'sap:SU53',
      'sap:MIGO',
      'snowflake:role:finance_reader',
      'kibana:logs-read',
      'tableau:creator',
    ]);
  while (noise.oneOff.length < 240) {
    const p = random.pick(staff);
    const e = random.pick(pool);
    if (org.grant(p.id, e, USED))
      noise.oneOff.push({ identity: p.id, entitlement: e });
  }

  // Planted access that has not been used for months.
  while (noise.stale.length < 90) {
    const p = random.pick(staff);
    if (movers.has(p.id)) continue;
    const e = random.pick(org.held(p.id, 'group'));
    if (noise.stale.some((s) => s.identity === p.id && s.entitlement === e))
      continue;
    org.age(p.id, e);
    noise.stale.push({ identity: p.id, entitlement: e });
  }

  while (noise.neverUsed.length < 50) {
    const p = random.pick(staff);
    const e = random.pick(SHELFWARE);
    if (org.grant(p.id, e, NEVER))
      noise.neverUsed.push({ identity: p.id, entitlement: e });
  }

  // On-call responders were handed break-glass and pod exec this week.
  const oncall = people.filter(
    (p) =>
      p.title === 'Site Reliability Engineer' || p.title === 'Security Analyst',
  );
  for (const p of oncall.filter((_, k) => k % 2 === 0))
    p.rotation = 'incident-response on-call';
  const responders = oncall
    .filter((p) => p.rotation !== '' && !CATALOGUE_NAMES.test(p.id))
    .slice(0, 14);
  for (const p of responders) {
    for (const e of [
      awsRole(PROD, 'break-glass'),
      'k8s:production:role/pod-exec',
    ]) {
      if (org.grant(p.id, e, RECENT))
        noise.volatile.push({ identity: p.id, entitlement: e });
    }
  }
  // Deploy pipelines given exec for a hotfix.
  for (const bot of (machines.get('ci-deploy') ?? []).slice(5, 10)) {
    if (org.grant(bot.id, 'k8s:production:role/pod-exec', RECENT)) {
      noise.volatile.push({
        identity: bot.id,
        entitlement: 'k8s:production:role/pod-exec',
      });
    }
  }
  return noise;
}

import type { IdentityKind } from '../src/model/index.ts';
import type { GeneratedOrg } from './generate-org-builder.ts';
import { OrgBuilder, slug } from './generate-org-builder.ts';
import { createRandom } from './random.ts';

/** The shape of a synthetic organisation; every count is seeded. */
export interface OrgSpec {
  seed: number;
  humans: number;
  machines: number;
  departments: number;
  titlesPerDepartment: number;
  locations: number;
  /** Cross-department project roles and their member counts. */
  projects: number;
  projectSize: [number, number];
  departmentRoleSize: [number, number];
  titleRoleSize: [number, number];
  /** Catalogue size; a long tail of rarely granted entitlements fills it. */
  entitlements: number;
  noise: {
    /** Expected one-off grants per human. */
    oneOffRate: number;
    /** Share of humans who moved and kept their old title's access. */
    movers: number;
    /** Share of humans with one planted entitlement not used in a year. */
    stale: number;
    /** Share of humans without attributes (contractors from a pair file). */
    unattributed: number;
    /** Incident responders with recent break-glass grants. */
    responders: number;
    /** Service accounts carrying a human group's attributes and access. */
    serviceAccountsInHumanGroups: number;
  };
}

export type {
  GeneratedOrg,
  Pair,
  PlantedRole,
} from './generate-org-builder.ts';

export const RECOVERY_ORG: OrgSpec = {
  seed: 11,
  humans: 3000,
  machines: 240,
  departments: 8,
  titlesPerDepartment: 5,
  locations: 6,
  projects: 25,
  projectSize: [8, 40],
  departmentRoleSize: [4, 7],
  titleRoleSize: [2, 5],
  entitlements: 2500,
  noise: {
    oneOffRate: 0.5,
    movers: 0.05,
    stale: 0.03,
    unattributed: 0.03,
    responders: 12,
    serviceAccountsInHumanGroups: 30,
  },
};

/** The scale target: 100,000 identities, 20,000 entitlements, ~3M assignments. */
export const SCALE_ORG: OrgSpec = {
  seed: 7,
  humans: 96_200,
  machines: 3_000,
  departments: 30,
  titlesPerDepartment: 12,
  locations: 40,
  projects: 2_500,
  projectSize: [30, 180],
  departmentRoleSize: [6, 10],
  titleRoleSize: [4, 8],
  entitlements: 20_000,
  noise: {
    oneOffRate: 0.5,
    movers: 0.05,
    stale: 0.03,
    unattributed: 0.03,
    responders: 200,
    serviceAccountsInHumanGroups: 600,
  },
};

const DEPARTMENTS =
  'Finance,Sales,Engineering,Human Resources,Legal,Marketing,Operations,Support,Procurement,Security,Research,Facilities'.split(
    ',',
  );
const TITLES =
  'Analyst,Specialist,Manager,Engineer,Coordinator,Associate,Team Lead,Administrator,Consultant,Director,Officer,Assistant'.split(
    ',',
  );
/** Finance's first title, the example in the docs. */
const FINANCE_FIRST = 'Accounts Payable Clerk';
const CITIES =
  'Berlin,Lisbon,Austin,Singapore,Toronto,Nairobi,Osaka,Madrid'.split(',');
const SYSTEMS = 'sap,workday,salesforce,github,aws,jira,servicenow'.split(',');
const DATA_DATE = Date.UTC(2026, 5, 30);
const DAY_MS = 86_400_000;

/**
 * A seeded organisation with planted business roles (a baseline, one per
 * department, department × title, location and cross-department project,
 * and hidden teams inside the largest title groups), machine roles per
 * application, and the noise real inventories carry: one-off grants,
 * leftovers from job moves, stale access, recent break-glass grants to
 * responders and pipelines, and service accounts in human groups.
 */
export function generateOrg(spec: OrgSpec): GeneratedOrg {
  const random = createRandom(spec.seed);
  const days = Array.from({ length: 1200 }, (_, d) =>
    new Date(DATA_DATE - d * DAY_MS).toISOString(),
  );
  const org = new OrgBuilder(random, days);
  const pick = (range: [number, number]) => random.int(range[0], range[1]);
  const names = (prefix: string, count: number) =>
    Array.from(
      { length: count },
      (_, k) => `${random.pick(SYSTEMS)}:${prefix}-${k + 1}`,
    );

  // Planted structure: who is where, and what each group holds.
  const depts = Array.from(
    { length: spec.departments },
    (_, d) => DEPARTMENTS[d] ?? `Unit ${d + 1}`,
  );
  const cities = Array.from(
    { length: spec.locations },
    (_, l) => CITIES[l] ?? `Site ${l + 1}`,
  );
  const baseline = org.plant('baseline', 'human', [
    'm365:mail',
    'okta:sso',
    'workday:self-service',
    'jira:browse',
  ]);
  const deptRoles = depts.map((d) =>
    org.plant(
      `dept:${d}`,
      'human',
      names(slug(d), pick(spec.departmentRoleSize)),
    ),
  );
  const titleRoles = depts.map((d) =>
    Array.from({ length: spec.titlesPerDepartment }, (_, t) =>
      org.plant(
        `title:${d}/${titleOf(d, t)}`,
        'human',
        names(`${slug(d)}-${slug(titleOf(d, t))}`, pick(spec.titleRoleSize)),
      ),
    ),
  );
  const cityRoles = cities.map((c) =>
    org.plant(`location:${c}`, 'human', [
      `badge:${slug(c)}`,
      `print:${slug(c)}`,
    ]),
  );

  const humans: { id: string; d: number; t: number; c: number }[] = [];
  for (let h = 0; h < spec.humans; h++) {
    // Skewed sizes: low indices are the big departments and titles.
    const d = Math.floor(spec.departments * random.next() ** 1.6);
    const t = Math.floor(spec.titlesPerDepartment * random.next() ** 1.4);
    const c = Math.floor(spec.locations * random.next() ** 1.3);
    const id = `u${String(h + 1).padStart(6, '0')}`;
    const attributed = random.next() >= spec.noise.unattributed;
    const title = titleOf(depts[d] ?? '', t);
    const attributes: Record<string, string> = attributed
      ? {
          department: depts[d] ?? '',
          title,
          location: cities[c] ?? '',
          cost_center: `CC-${1000 + d}`,
        }
      : {};
    org.identity({ id, kind: 'human', name: `Person ${h + 1}`, attributes });
    humans.push({ id, d, t, c });
    for (const role of [
      baseline,
      deptRoles[d],
      titleRoles[d]?.[t],
      cityRoles[c],
    ])
      org.member(role, id);
  }

  // Hidden teams split the largest title groups on access alone.
  const byGroup = new Map<string, string[]>();
  const byDept = depts.map((): string[] => []);
  for (const h of humans) {
    const key = `${h.d}/${h.t}`;
    byGroup.set(key, byGroup.get(key) ?? []);
    byGroup.get(key)?.push(h.id);
    byDept[h.d]?.push(h.id);
  }
  [...byGroup.entries()]
    .filter(([, ids]) => ids.length >= 60)
    .forEach(([key, ids]) => {
      const teams = 2 + (ids.length % 2);
      for (let k = 0; k < teams; k++) {
        const team = org.plant(
          `team:${key}#${k + 1}`,
          'human',
          names(`team-${slug(key)}-${k + 1}`, 3),
        );
        ids.forEach((id, n) => {
          if (n % teams === k) org.member(team, id);
        });
      }
    });

  for (let p = 0; p < spec.projects; p++) {
    const project = org.plant(
      `project:${p + 1}`,
      'human',
      names(`project-${p + 1}`, random.int(2, 4)),
    );
    const homes = [
      random.int(0, spec.departments - 1),
      random.int(0, spec.departments - 1),
    ];
    const pool = homes.flatMap((d) => byDept[d] ?? []);
    const size = Math.min(pool.length, pick(spec.projectSize));
    for (let k = 0; k < size; k++) org.member(project, random.pick(pool));
  }

  // Machines: pipelines and services per application.
  const apps = Math.max(1, Math.round(spec.machines / 10));
  const appRoles = Array.from({ length: apps }, (_, a) =>
    org.plant(
      `app:${a + 1}`,
      'machine',
      names(`app-${a + 1}-svc`, random.int(2, 4)),
    ),
  );
  const kinds: IdentityKind[] = [
    'service-account',
    'workload',
    'bot',
    'api-key',
  ];
  for (let m = 0; m < spec.machines; m++) {
    const a = Math.floor(apps * random.next() ** 1.3);
    const pipeline = m % 7 === 0;
    const id = pipeline ? `pipeline-deploy-${m + 1}` : `svc-${m + 1}`;
    org.identity({
      id,
      kind: random.pick(kinds),
      attributes: { department: random.pick(depts) },
    });
    org.member(appRoles[a], id);
    if (pipeline)
      org.noise('volatile', id, 'aws:prod-deploy-admin', { recentGrant: true });
  }

  // Noise.
  const tail = names(
    'tail',
    Math.max(0, spec.entitlements - org.entitlementCount()),
  );
  for (const h of humans) {
    if (random.next() < spec.noise.stale) org.staleOne(h.id);
    let grants = spec.noise.oneOffRate;
    while (random.next() < grants) {
      org.noise(
        'oneOff',
        h.id,
        random.next() < 0.3 || tail.length === 0
          ? random.pick(org.allPlanted())
          : random.pick(tail),
      );
      grants -= 1;
    }
    if (random.next() < spec.noise.movers) {
      const old =
        titleRoles[random.int(0, spec.departments - 1)]?.[
          random.int(0, spec.titlesPerDepartment - 1)
        ];
      for (const e of old?.entitlements ?? [])
        org.noise('leftover', h.id, e, { stale: random.next() < 0.7 });
    }
  }
  for (let r = 0; r < spec.noise.responders; r++) {
    const id = `oncall-${r + 1}`;
    org.identity({
      id,
      kind: 'human',
      attributes: {
        department: 'Security',
        title: 'Incident Responder',
        location: cities[0] ?? '',
      },
    });
    org.member(baseline, id);
    for (const e of ['aws:prod-break-glass', 'k8s:prod-exec'])
      org.noise('volatile', id, e, { recentGrant: true });
  }
  for (let s = 0; s < spec.noise.serviceAccountsInHumanGroups; s++) {
    const h = random.pick(humans);
    const id = `svc-human-group-${s + 1}`;
    org.identity({
      id,
      kind: 'service-account',
      attributes: org.attributesOf(h.id),
    });
    for (const role of [deptRoles[h.d], titleRoles[h.d]?.[h.t]]) {
      for (const e of role?.entitlements ?? [])
        org.noise('serviceInHuman', id, e);
    }
  }
  return org.finish(new Date(DATA_DATE).toISOString());
}

function titleOf(department: string, t: number): string {
  if (department === 'Finance' && t === 0) return FINANCE_FIRST;
  return TITLES[t] ?? `Title ${t + 1}`;
}

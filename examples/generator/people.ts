import type { AcmeBuilder, Person } from './builder.ts';
import { FAMILY, GIVEN } from './names.ts';
import type { DepartmentSpec } from './org-chart.ts';
import {
  DEPARTMENTS,
  EXECUTIVES,
  HEAD_OF,
  LOCATIONS,
  TEAMS,
} from './org-chart.ts';

/**
 * People the repository's hand-written roles/ already name, so the sample
 * reconciles with that catalogue: u1042 is the Lyon clerk of mitigation
 * MIT-2026-007, u1001 and u1002 the other AP clerks of roles/finance/ap-clerk.yaml.
 */
const PINNED: Record<string, { title: string; location?: string }> = {
  u1001: { title: 'Accounts Payable Clerk' },
  u1002: { title: 'Accounts Payable Clerk' },
  u1003: { title: 'Vendor Master Data Specialist' },
  u1004: { title: 'Vendor Master Data Specialist' },
  u1005: { title: 'Treasury Analyst' },
  u1006: { title: 'Treasury Analyst' },
  u1007: { title: 'Purchasing Manager' },
  u1008: { title: 'Purchasing Manager' },
  u1010: { title: 'Internal Auditor' },
  u1011: { title: 'Internal Auditor' },
  u1020: { title: 'Payroll Specialist' },
  u1021: { title: 'Payroll Specialist' },
  u1022: { title: 'Payroll Manager' },
  u1023: { title: 'Payroll Manager' },
  u1030: { title: 'IT Support Technician' },
  u1031: { title: 'IT Support Technician' },
  u1032: { title: 'IT Support Technician' },
  u1033: { title: 'Identity Administrator' },
  u1034: { title: 'Identity Administrator' },
  u1040: { title: 'Security Analyst' },
  u1041: { title: 'Security Analyst' },
  u1042: { title: 'Accounts Payable Clerk', location: 'Lyon' },
};

const TEAM_WEIGHTS = [26, 26, 20, 10, 18];

interface Slot {
  department: DepartmentSpec | undefined;
  title: string;
}

/** Everyone on the payroll, with their place in the organisation. */
export function hirePeople(org: AcmeBuilder): Person[] {
  const { random } = org;
  const slots: Slot[] = [
    ...EXECUTIVES.map((title) => ({ department: undefined, title })),
    ...DEPARTMENTS.flatMap((department) =>
      department.titles.flatMap((t) =>
        Array.from({ length: t.count }, () => ({ department, title: t.title })),
      ),
    ),
  ];
  for (let k = slots.length - 1; k > 0; k--) {
    const j = random.int(0, k);
    [slots[k], slots[j]] = [slots[j] as Slot, slots[k] as Slot];
  }
  const pinned = new Map(
    Object.entries(PINNED).map(([id, p]) => {
      const at = slots.findIndex((s) => s.title === p.title);
      const [slot] = slots.splice(at, 1);
      return [id, { slot: slot as Slot, location: p.location }];
    }),
  );
  const used = new Set<string>();
  const people: Person[] = [];
  const total = slots.length + pinned.size;
  for (let n = 0; n < total; n++) {
    const id = `u${1001 + n}`;
    const pin = pinned.get(id);
    const slot = pin?.slot ?? slots.shift();
    if (slot === undefined) throw new Error('more people than slots');
    const [name, email] = uniqueName(org, used);
    const dept = slot.department;
    const title = dept?.titles.find((t) => t.title === slot.title);
    const costCenter =
      title?.costCenter ??
      (dept === undefined
        ? 'CC-1000'
        : (TEAMS[weighted(org, title?.teams ?? TEAM_WEIGHTS)]?.costCenter ??
          ''));
    people.push(
      org.person({
        id,
        kind: 'human',
        name,
        email,
        department: dept?.name ?? 'Executive',
        title: slot.title,
        location:
          pin?.location ??
          LOCATIONS[weighted(org, dept?.locations ?? [1])] ??
          'Berlin',
        costCenter,
        employeeType: 'employee',
      }),
    );
  }
  assignManagers(org, people);
  return people;
}

function uniqueName(org: AcmeBuilder, used: Set<string>): [string, string] {
  for (let attempt = 1; ; attempt++) {
    const given = org.random.pick(GIVEN);
    const family = org.random.pick(FAMILY);
    const suffix = attempt > 20 ? String(attempt) : '';
    const email = `${given}.${family}${suffix}@acme.example`.toLowerCase();
    if (used.has(email)) continue;
    used.add(email);
    return [`${given} ${family}`, email];
  }
}

export function weighted(org: AcmeBuilder, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let draw = org.random.next() * total;
  for (const [k, w] of weights.entries()) {
    draw -= w;
    if (draw < 0) return k;
  }
  return weights.length - 1;
}

/** Line managers: each department's managing title reports to its executive. */
function assignManagers(org: AcmeBuilder, people: Person[]): void {
  const execs = EXECUTIVES.map((t) => people.find((p) => p.title === t));
  const ceo = execs[0];
  for (const exec of execs) {
    if (exec !== undefined && exec !== ceo) exec.manager = ceo?.id ?? '';
  }
  for (const dept of DEPARTMENTS) {
    const members = people.filter((p) => p.department === dept.name);
    const managing = new Set(
      dept.titles.filter((t) => t.manages === true).map((t) => t.title),
    );
    const managers = members.filter((p) => managing.has(p.title));
    const head = execs[HEAD_OF[dept.name] ?? 0];
    for (const p of members) {
      if (managing.has(p.title)) {
        p.manager = head?.id ?? '';
        continue;
      }
      const local = managers.filter((m) => m.location === p.location);
      p.manager = org.random.pick(local.length > 0 ? local : managers).id;
    }
  }
}

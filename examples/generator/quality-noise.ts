import type { AcmeBuilder, Person } from './builder.ts';
import { STALE, USED } from './builder.ts';
import type { EntitlementSpec } from './catalogue.ts';

export interface QualityNoise {
  serviceAccountsInHumanGroups: { identity: string; copiedFrom: string }[];
  machinesWithoutOwner: string[];
  machineOwnerUnknown: string[];
  disabledWithAccess: string[];
  missingAttributes: string[];
  duplicateAccounts: { identity: string; sameAs: string }[];
  entitlementsWithoutMetadata: string[];
}

/** Entitlements from before anyone kept a catalogue: no risk, owner or description. */
export const LEGACY: EntitlementSpec[] = [
  { id: 'sap:ZFI_VENDOR_UPLOAD', name: 'ZFI_VENDOR_UPLOAD' },
  { id: 'ad:group:legacy-vpn', name: 'legacy-vpn' },
  { id: 'ad:group:fileshare-projects', name: 'fileshare-projects' },
  { id: 'jira:project:OLDCRM:user', name: 'OLDCRM' },
  { id: 'confluence:space:ARCHIVE:edit', name: 'ARCHIVE' },
  { id: 'teamcity:project-admin', name: 'project-admin' },
];

const CATALOGUE_NAMES = /^u10[0-4]\d$/;

/**
 * What the data-quality report exists for: machines cloned from a person's
 * access and given that person's attributes, machines without an owner or
 * owned by someone who left, leavers still holding access, contractors
 * with no department, second admin accounts and legacy entitlements.
 */
export function addQualityNoise(
  org: AcmeBuilder,
  people: Person[],
  machines: Person[],
  noisy: Set<string>,
): QualityNoise {
  const { random } = org;
  const staff = people.filter(
    (p) => p.department !== 'Executive' && !CATALOGUE_NAMES.test(p.id),
  );
  const clean = staff.filter((p) => !noisy.has(p.id));
  const out: QualityNoise = {
    serviceAccountsInHumanGroups: [],
    machinesWithoutOwner: [],
    machineOwnerUnknown: [],
    disabledWithAccess: [],
    missingAttributes: [],
    duplicateAccounts: [],
    entitlementsWithoutMetadata: LEGACY.map((e) => e.id),
  };

  // RPA and integration accounts set up by copying a colleague.
  const teams = ['Finance', 'Support', 'Human Resources', 'Sales'];
  for (let n = 0; n < 12; n++) {
    const dept = teams[n % teams.length] ?? 'Finance';
    const like = random.pick(clean.filter((p) => p.department === dept));
    const id = `svc-rpa-${like.department.toLowerCase().replace(/ /g, '-')}-${n + 1}`;
    org.person({
      id,
      kind: 'service-account',
      department: like.department,
      title: like.title,
      location: like.location,
      costCenter: like.costCenter,
      manager: like.manager,
      owner: like.manager,
    });
    for (const e of org.held(like.id)) org.grant(id, e, USED, 'group');
    out.serviceAccountsInHumanGroups.push({
      identity: id,
      copiedFrom: like.id,
    });
  }
  const copied = new Set(
    out.serviceAccountsInHumanGroups.map((s) => s.copiedFrom),
  );

  const owned = machines.filter(
    (m) => m.owner !== '' && !m.id.startsWith('pat-'),
  );
  for (const m of owned.filter((_, k) => k % 19 === 7)) {
    m.owner = '';
    out.machinesWithoutOwner.push(m.id);
  }
  for (const [k, m] of owned.filter((_, j) => j % 41 === 3).entries()) {
    m.owner = `u0${917 + k * 13}`;
    out.machineOwnerUnknown.push(m.id);
  }

  for (const p of clean.filter((_, k) => k % 211 === 100)) {
    p.status = 'terminated';
    out.disabledWithAccess.push(p.id);
  }

  for (let n = 0; n < 10; n++) {
    const id = `c-${String(n + 1).padStart(3, '0')}`;
    const sponsor = random.pick(staff);
    org.person({
      id,
      kind: 'human',
      name: `Contractor ${n + 1}`,
      email: `contractor${n + 1}@partners.acme.example`,
      manager: sponsor.id,
      employeeType: 'contractor',
    });
    for (const e of org.held(sponsor.id, 'group').slice(0, random.int(3, 6))) {
      org.grant(id, e, USED);
    }
    out.missingAttributes.push(id);
  }

  const admins = staff.filter((p) => p.title === 'Systems Administrator');
  for (const p of admins.slice(0, 4)) {
    const id = `${p.id}-adm`;
    org.person({ ...p, id, employeeType: 'admin-account', rotation: '' });
    for (const e of ['ad:group:domain-admins', 'vcenter:operator']) {
      org.grant(id, e, USED);
    }
    out.duplicateAccounts.push({ identity: id, sameAs: p.id });
  }

  for (const e of LEGACY) {
    for (let n = 0; n < random.int(2, 9); n++) {
      const holder = random.pick(staff);
      if (!copied.has(holder.id)) org.grant(holder.id, e.id, STALE);
    }
  }
  return out;
}

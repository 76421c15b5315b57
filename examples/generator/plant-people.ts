import type { AcmeBuilder, Person } from './builder.ts';
import type { EntitlementSpec } from './catalogue.ts';
import {
  BASELINE,
  CROSS_ROLES,
  DEPARTMENTS,
  LOCATIONS,
  TEAMS,
} from './org-chart.ts';

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Badge and printing at each office; remote staff have neither. */
export function siteEntitlements(location: string): string[] {
  if (location === 'Remote') return [];
  return [`kisi:site:${slug(location)}`, `papercut:site:${slug(location)}`];
}

export function siteCatalogue(): EntitlementSpec[] {
  return LOCATIONS.flatMap((location) =>
    siteEntitlements(location).map((id) => ({
      id,
      name: `${id.startsWith('kisi') ? 'Door badge' : 'Printing'}: ${location} office`,
      risk: 'low' as const,
      owner: '@acme/workplace',
    })),
  );
}

/**
 * Plants the business roles: one everyone holds, one per department, one
 * per department and title, one per engineering team (cost centre), one
 * per office, and the cross-department ones. Each member gets each
 * entitlement as a used, group-granted assignment.
 */
export function plantPeopleRoles(org: AcmeBuilder, people: Person[]): void {
  const baseline = org.plant('baseline', 'human', 'baseline', BASELINE);
  for (const p of people) org.member(baseline, p.id);

  for (const dept of DEPARTMENTS) {
    const members = people.filter((p) => p.department === dept.name);
    const role = org.plant(
      `department:${slug(dept.name)}`,
      'human',
      'department',
      dept.entitlements,
    );
    for (const p of members) org.member(role, p.id);
    for (const title of dept.titles) {
      const titled = org.plant(
        `title:${slug(dept.name)}/${slug(title.title)}`,
        'human',
        'title',
        title.entitlements,
      );
      for (const p of members.filter((m) => m.title === title.title)) {
        org.member(titled, p.id);
      }
    }
  }

  for (const team of TEAMS) {
    const role = org.plant(
      `team:${slug(team.name)}`,
      'human',
      'team',
      team.entitlements,
    );
    const members = people.filter(
      (p) => p.department === 'Engineering' && p.costCenter === team.costCenter,
    );
    for (const p of members) org.member(role, p.id);
  }

  for (const location of LOCATIONS) {
    const entitlements = siteEntitlements(location);
    if (entitlements.length === 0) continue;
    const role = org.plant(
      `location:${slug(location)}`,
      'human',
      'location',
      entitlements,
    );
    for (const p of people.filter((m) => m.location === location)) {
      org.member(role, p.id);
    }
  }

  for (const cross of CROSS_ROLES) {
    const role = org.plant(
      cross.id,
      'human',
      'cross-department',
      cross.entitlements,
    );
    for (const [title, share] of Object.entries(cross.titles)) {
      const titled = people.filter((p) => p.title === title);
      const count = Math.max(1, Math.round(share * titled.length));
      for (const p of titled.slice(0, count)) org.member(role, p.id);
    }
  }
}

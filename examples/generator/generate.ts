import { createRandom } from '../../bench/random.ts';
import type { Person } from './builder.ts';
import { AcmeBuilder, day } from './builder.ts';
import type { EntitlementSpec } from './catalogue.ts';
import { businessEntitlements } from './catalogue.ts';
import { platformEntitlements } from './catalogue-cloud.ts';
import { csvFile } from './csv.ts';
import { deployMachines, issueTokens } from './machines.ts';
import { addNoise } from './noise.ts';
import { hirePeople } from './people.ts';
import { plantPeopleRoles, siteCatalogue } from './plant-people.ts';
import { addQualityNoise, LEGACY } from './quality-noise.ts';
import { plantViolations } from './sod-plants.ts';

export const DEFAULT_SEED = 2026;
/** The CSV folder's name inside examples/acme/. */
export const EXPORT_FOLDER = 'access-export';

/**
 * The whole sample organisation as files, path (relative to
 * examples/acme/) to content. Same seed, same bytes.
 */
export function generateAcme(seed: number = DEFAULT_SEED): Map<string, string> {
  const org = new AcmeBuilder(createRandom(seed));
  const catalogue = [
    ...businessEntitlements(),
    ...platformEntitlements(),
    ...siteCatalogue(),
  ];
  const critical = new Set(
    catalogue.filter((e) => e.risk === 'critical').map((e) => e.id),
  );

  const people = hirePeople(org);
  plantPeopleRoles(org, people);
  const fleets = deployMachines(org, people);
  const tokens = issueTokens(org, people, 30);
  const violations = plantViolations(
    org,
    people,
    fleets.get('ci-deploy') ?? [],
  );
  const noise = addNoise(org, people, fleets, critical);
  const touched: { identity: string }[] = [
    ...violations,
    ...noise.oneOff,
    ...noise.jobMoveLeftover,
    ...noise.stale,
    ...noise.neverUsed,
    ...noise.volatile,
  ];
  const noisy = new Set(touched.map((p) => p.identity));
  const machines = [...[...fleets.values()].flat(), ...tokens];
  const quality = addQualityNoise(org, people, machines, noisy);

  const grants = org.allGrants();
  const files = new Map<string, string>();
  files.set(`${EXPORT_FOLDER}/identities.csv`, identitiesCsv(org.identities));
  files.set(
    `${EXPORT_FOLDER}/entitlements.csv`,
    entitlementsCsv([...catalogue, ...LEGACY]),
  );
  files.set(
    `${EXPORT_FOLDER}/assignments.csv`,
    csvFile(
      ['identity', 'entitlement', 'granted_at', 'last_used_at', 'source'],
      grants.map((g) => [
        g.identity,
        g.entitlement,
        g.grantedAt,
        g.lastUsedAt,
        g.source,
      ]),
    ),
  );
  const truth = {
    synthetic: true,
    seed,
    dataDate: day(0),
    counts: {
      people: org.identities.filter((i) => i.kind === 'human').length,
      machines: org.identities.filter((i) => i.kind !== 'human').length,
      entitlements: catalogue.length + LEGACY.length,
      assignments: grants.length,
    },
    roles: org.roles
      .filter((r) => r.members.length > 0)
      .map((r) => ({
        ...r,
        entitlements: [...r.entitlements].sort(),
        members: [...r.members].sort(),
      })),
    sodViolations: violations,
    noise: { ...noise, ...quality },
  };
  // Plain JSON.stringify: generated data is outside prettier's care
  // (.prettierignore), so a formatter upgrade cannot change its bytes.
  files.set('truth.json', `${JSON.stringify(truth, null, 2)}\n`);
  return files;
}

function identitiesCsv(identities: Person[]): string {
  return csvFile(
    [
      'id',
      'kind',
      'name',
      'email',
      'department',
      'title',
      'location',
      'manager',
      'cost_center',
      'status',
      'owner',
      'employee_type',
      'rotation',
    ],
    identities.map((p) => [
      p.id,
      p.kind,
      p.name,
      p.email,
      p.department,
      p.title,
      p.location,
      p.manager,
      p.costCenter,
      p.status,
      p.owner,
      p.employeeType,
      p.rotation,
    ]),
  );
}

const SYSTEM_NAMES: Record<string, string> = {
  sap: 'SAP S/4HANA',
  workday: 'Workday',
  salesforce: 'Salesforce',
  servicenow: 'ServiceNow',
  jira: 'Jira',
  confluence: 'Confluence',
  okta: 'Okta',
  ad: 'Active Directory',
  m365: 'Microsoft 365',
  aws: 'AWS',
  github: 'GitHub',
  k8s: 'Kubernetes',
  zendesk: 'Zendesk',
};

function entitlementsCsv(entitlements: EntitlementSpec[]): string {
  const rows = [...entitlements]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => {
      const system = e.id.slice(0, e.id.indexOf(':'));
      const legacy = e.owner === undefined;
      const description =
        e.description ??
        (legacy ? '' : `${e.name} in ${SYSTEM_NAMES[system] ?? system}`);
      return [e.id, system, e.name, description, e.risk ?? '', e.owner ?? ''];
    });
  return csvFile(
    ['id', 'system', 'name', 'description', 'risk', 'owner'],
    rows,
  );
}

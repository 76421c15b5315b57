import type { AcmeBuilder, Person } from './builder.ts';
import { USED } from './builder.ts';
import { awsPolicy, awsRole, gh, PROD } from './catalogue.ts';

export interface PlantedViolation {
  identity: string;
  risk: string;
  entitlements: string[];
  mitigation?: string;
}

/**
 * Every entitlement in a function of a risk in policies/sod/. Random
 * noise never draws from these, so the only SoD violators are the ones
 * planted here (and truth.json can list them all).
 */
export const SOD_ENTITLEMENTS = new Set([
  'sap:XK01',
  'sap:XK02',
  'sap:FK01',
  'sap:FK02',
  'sap:FB60',
  'sap:FV60',
  'sap:MIRO',
  'sap:F110',
  'sap:F-53',
  'sap:F-58',
  'sap:SU01',
  'sap:SM20',
  'sap:SUIM',
  'workday:payroll:input',
  'workday:payroll:edit',
  'workday:payroll:calculate',
  'workday:payroll:approve',
  'okta:admin:super',
  'okta:admin:org',
  'okta:admin:group',
  'okta:admin:report',
  'ad:group:account-operators',
  'ad:group:domain-admins',
  awsPolicy('IAMFullAccess'),
  awsPolicy('SecurityAudit'),
  awsPolicy('AdministratorAccess'),
  awsRole(PROD, 'ci-deploy'),
  awsRole(PROD, 'prod-deployer'),
  'k8s:production:role/deployer',
  'servicenow:role:change_manager',
]);

/** Who gets which extra grant, per risk; people are picked by title. */
const PLANS: { risk: string; title: string; count: number; extra: string[] }[] =
  [
    {
      risk: 'P2P-001',
      title: 'Vendor Master Data Specialist',
      count: 2,
      extra: ['sap:F110'],
    },
    {
      risk: 'P2P-001',
      title: 'Treasury Analyst',
      count: 1,
      extra: ['sap:XK02'],
    },
    {
      risk: 'P2P-002',
      title: 'Accounts Payable Clerk',
      count: 1,
      extra: ['sap:F-53'],
    },
    {
      risk: 'P2P-003',
      title: 'Vendor Master Data Specialist',
      count: 1,
      extra: ['sap:FB60'],
    },
    {
      risk: 'PAY-001',
      title: 'Payroll Manager',
      count: 2,
      extra: ['workday:payroll:edit'],
    },
    {
      risk: 'CHG-001',
      title: 'Site Reliability Engineer',
      count: 3,
      extra: ['servicenow:role:change_manager'],
    },
    {
      risk: 'IT-001',
      title: 'Identity Administrator',
      count: 1,
      extra: ['okta:admin:report'],
    },
    {
      risk: 'IT-002',
      title: 'Systems Administrator',
      count: 2,
      extra: [awsPolicy('AdministratorAccess')],
    },
  ];

/** People the hand-written catalogue names stay as it describes them. */
const KEEP = /^u10[0-4]\d$/;

export function plantViolations(
  org: AcmeBuilder,
  people: Person[],
  deployBots: Person[],
): PlantedViolation[] {
  const found: PlantedViolation[] = [];
  const taken = new Set<string>();
  for (const plan of PLANS) {
    const pool = people.filter(
      (p) => p.title === plan.title && !KEEP.test(p.id) && !taken.has(p.id),
    );
    for (let k = 0; k < plan.count; k++) {
      const who = org.random.pick(pool.filter((p) => !taken.has(p.id)));
      taken.add(who.id);
      for (const e of plan.extra) org.grant(who.id, e, USED);
      found.push({
        identity: who.id,
        risk: plan.risk,
        entitlements: plan.extra,
      });
    }
  }
  // The Lyon clerk of MIT-2026-007 also runs the site's payments.
  for (const e of ['sap:F110', 'sap:F-53']) org.grant('u1042', e, USED);
  found.push({
    identity: 'u1042',
    risk: 'P2P-002',
    entitlements: ['sap:F110', 'sap:F-53'],
    mitigation: 'MIT-2026-007',
  });
  // Two release pipelines also push version tags: code change and deploy.
  const release = new Set(['deploy-identity-service', 'deploy-docs-site']);
  for (const bot of deployBots.filter((b) => release.has(b.id))) {
    const repo = bot.id.replace(/^deploy-/, '');
    const write = gh(repo, 'write');
    org.grant(bot.id, write, USED);
    found.push({ identity: bot.id, risk: 'CI-001', entitlements: [write] });
  }
  return found.sort((a, b) =>
    a.identity === b.identity
      ? a.risk < b.risk
        ? -1
        : 1
      : a.identity < b.identity
        ? -1
        : 1,
  );
}

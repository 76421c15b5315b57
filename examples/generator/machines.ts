import type { AcmeBuilder, Person } from './builder.ts';
import { awsRole, DATA, gh, PROD } from './catalogue.ts';

/**
 * A fleet of machine identities that share one job, and so one role:
 * CI runners, deploy workloads, ETL jobs, monitoring and log agents,
 * backup jobs and integration API keys. Each is owned by a person of the
 * team that runs it.
 */
interface Fleet {
  role: string;
  kind: string;
  names: string[];
  ownerTitle: string;
  /** The team that runs the fleet, whatever its owner's own cost centre. */
  costCenter: string;
  entitlements: string[];
}

const numbered = (prefix: string, count: number): string[] =>
  Array.from(
    { length: count },
    (_, n) => `${prefix}-${String(n + 1).padStart(2, '0')}`,
  );

const SERVICES = [
  'payments-api',
  'billing-service',
  'web-portal',
  'mobile-backend',
  'identity-service',
  'search',
  'notifications',
  'checkout',
  'catalog',
  'pricing',
  'ledger',
  'reporting',
  'gateway',
  'docs-site',
  'webhooks',
];
const CLUSTERS = ['prod-eu', 'prod-us', 'prod-ap', 'staging', 'data'];
const FINANCE_JOBS = [
  'vendors',
  'vendor-banks',
  'open-items',
  'documents',
  'invoices',
  'gl-balances',
  'cost-centres',
  'payments',
  'ar-items',
  'fx-rates',
  'budgets',
  'accruals',
];
const CRM_JOBS = [
  'accounts',
  'opportunities',
  'leads',
  'cases',
  'contacts',
  'quotes',
  'forecasts',
  'activities',
  'campaigns',
  'users',
];

export const FLEETS: Fleet[] = [
  {
    role: 'ci-runner',
    costCenter: 'CC-3150',
    kind: 'bot',
    names: numbered('gha-runner', 28),
    ownerTitle: 'Site Reliability Engineer',
    entitlements: [
      gh('payments-api', 'read'),
      gh('billing-service', 'read'),
      gh('web-portal', 'read'),
      gh('mobile-app', 'read'),
      gh('data-pipelines', 'read'),
      gh('infra-terraform', 'read'),
      'artifactory:repo:libs-release:deploy',
      'sonarqube:scan',
    ],
  },
  {
    role: 'ci-deploy',
    costCenter: 'CC-3150',
    kind: 'workload',
    names: ['svc-ci-deploy', ...SERVICES.map((s) => `deploy-${s}`)],
    ownerTitle: 'Site Reliability Engineer',
    entitlements: [
      awsRole(PROD, 'ci-deploy'),
      'k8s:production:role/deployer',
      'artifactory:repo:docker-prod:read',
      gh('platform-charts', 'read'),
    ],
  },
  {
    role: 'dependency-update',
    costCenter: 'CC-3150',
    kind: 'bot',
    names: [
      'svc-renovate',
      'dependabot-payments',
      'dependabot-web',
      'dependabot-mobile',
    ],
    ownerTitle: 'Senior Software Engineer',
    entitlements: [
      gh('payments-api', 'write'),
      gh('web-portal', 'write'),
      gh('mobile-app', 'write'),
      gh('billing-service', 'write'),
    ],
  },
  {
    role: 'etl-finance',
    costCenter: 'CC-3140',
    kind: 'service-account',
    names: [
      'svc-etl-finance',
      ...FINANCE_JOBS.flatMap((j) => [`etl-fin-${j}`, `etl-fin-${j}-delta`]),
    ].slice(0, 24),
    ownerTitle: 'Data Engineer',
    entitlements: [
      'sap:table:LFA1:read',
      'sap:table:LFB1:read',
      'sap:table:BSIK:read',
      'sap:table:BKPF:read',
      'sap:table:RBKP:read',
      'snowflake:role:etl_loader',
      awsRole(DATA, 'etl-s3-writer'),
    ],
  },
  {
    role: 'etl-crm',
    costCenter: 'CC-3140',
    kind: 'service-account',
    names: CRM_JOBS.flatMap((j) => [`etl-crm-${j}`, `etl-crm-${j}-delta`]),
    ownerTitle: 'Data Engineer',
    entitlements: [
      'salesforce:permset:api-integration',
      'salesforce:permset:bulk-api-read',
      'snowflake:role:crm_loader',
      awsRole(DATA, 'etl-crm-writer'),
    ],
  },
  {
    role: 'monitoring',
    costCenter: 'CC-3150',
    kind: 'workload',
    names: [
      'svc-prometheus',
      ...CLUSTERS.flatMap((c) => numbered(`datadog-agent-${c}`, 12)),
    ].slice(0, 60),
    ownerTitle: 'Site Reliability Engineer',
    entitlements: [
      'k8s:cluster:clusterrole/view',
      'k8s:monitoring:role/prometheus-k8s',
      'datadog:api:metrics-submit',
    ],
  },
  {
    role: 'log-shipping',
    costCenter: 'CC-3150',
    kind: 'workload',
    names: CLUSTERS.flatMap((c) => numbered(`fluent-bit-${c}`, 8)),
    ownerTitle: 'Site Reliability Engineer',
    entitlements: [
      awsRole(PROD, 'log-shipper'),
      'splunk:index:app-logs:write',
      'k8s:cluster:clusterrole/log-reader',
    ],
  },
  {
    role: 'backup',
    costCenter: 'CC-7200',
    kind: 'service-account',
    names: CLUSTERS.flatMap((c) => [`velero-${c}`, `backup-${c}`]).concat([
      'backup-snowflake',
      'backup-sap',
    ]),
    ownerTitle: 'Systems Administrator',
    entitlements: [
      awsRole(PROD, 'backup-operator'),
      'k8s:cluster:clusterrole/velero',
      'snowflake:role:backup',
    ],
  },
  {
    role: 'support-integrations',
    costCenter: 'CC-5300',
    kind: 'api-key',
    names: numbered('key-zendesk-sfdc-sync', 18),
    ownerTitle: 'Support Operations Analyst',
    entitlements: ['zendesk:api:tickets-write', 'salesforce:permset:case-edit'],
  },
  {
    role: 'hr-integrations',
    costCenter: 'CC-6100',
    kind: 'api-key',
    names: numbered('key-workday-feed', 10),
    ownerTitle: 'HR Operations Coordinator',
    entitlements: ['workday:integration:worker-read', 'greenhouse:api:harvest'],
  },
  {
    role: 'payment-gateway',
    costCenter: 'CC-3110',
    kind: 'api-key',
    names: numbered('key-stripe-checkout', 12),
    ownerTitle: 'Senior Software Engineer',
    entitlements: ['stripe:api:restricted-charges', 'stripe:api:read-balance'],
  },
  {
    role: 'marketing-sync',
    costCenter: 'CC-8300',
    kind: 'api-key',
    names: numbered('key-hubspot-sync', 10),
    ownerTitle: 'Marketing Operations Specialist',
    entitlements: [
      'hubspot:api:contacts-write',
      'salesforce:permset:lead-edit',
    ],
  },
];

/** Plants each fleet's role and its members; returns the machines by fleet. */
export function deployMachines(
  org: AcmeBuilder,
  people: Person[],
): Map<string, Person[]> {
  const byFleet = new Map<string, Person[]>();
  for (const fleet of FLEETS) {
    const role = org.plant(
      `machine:${fleet.role}`,
      'machine',
      'machine',
      fleet.entitlements,
    );
    const owners = people.filter((p) => p.title === fleet.ownerTitle);
    const machines = fleet.names.map((id) => {
      const owner = org.random.pick(owners);
      const machine = org.person({
        id,
        kind: fleet.kind,
        department: owner.department,
        costCenter: fleet.costCenter,
        owner: owner.id,
      });
      org.member(role, id);
      return machine;
    });
    byFleet.set(fleet.role, machines);
  }
  return byFleet;
}

/** Personal access tokens: one engineer's, for a repository or two of theirs. */
export function issueTokens(
  org: AcmeBuilder,
  people: Person[],
  count: number,
): Person[] {
  const engineers = people.filter((p) => p.title.endsWith('Software Engineer'));
  return Array.from({ length: count }, (_, n) => {
    const owner = org.random.pick(engineers);
    const token = org.person({
      id: `pat-${owner.email.split('@')[0] ?? owner.id}-${n + 1}`,
      kind: 'token',
      department: owner.department,
      costCenter: owner.costCenter,
      owner: owner.id,
    });
    const repos = org.held(owner.id).filter((e) => e.endsWith(':write'));
    for (const e of repos.slice(0, org.random.int(1, 2))) {
      org.grant(token.id, e, { granted: [30, 400], used: [0, 30] });
    }
    if (repos.length === 0) {
      org.grant(token.id, gh('docs-site', 'write'), {
        granted: [30, 400],
        used: [0, 30],
      });
    }
    return token;
  });
}

import { awsRole, gh, PROD } from './catalogue.ts';
export { DEPARTMENTS } from './departments.ts';

/**
 * Departments, job titles and what each holds. Sizes are uneven on
 * purpose: a few large titles (engineers, account executives, support
 * agents) and many small ones, as in a real company of about 2,000.
 * No title is 60% of its department, so a title's access stays its own
 * rather than looking like the whole department's.
 */
export interface TitleSpec {
  title: string;
  count: number;
  /** Cost centre; Engineering titles instead take their team's. */
  costCenter?: string;
  entitlements: string[];
  /** Engineering team weights, in the order of TEAMS, instead of the default. */
  teams?: number[];
  /** The title people of the department report to. */
  manages?: boolean;
}

export interface DepartmentSpec {
  name: string;
  /** Location weights, in the order of LOCATIONS. */
  locations: number[];
  entitlements: string[];
  titles: TitleSpec[];
}

export const LOCATIONS = [
  'Berlin',
  'London',
  'Austin',
  'Lisbon',
  'Singapore',
  'Toronto',
  'Lyon',
  'Remote',
] as const;

/** Everyone in the company. */
export const BASELINE = [
  'm365:mail',
  'm365:teams',
  'okta:sso',
  'workday:self-service',
  'jira:browse',
  'servicenow:role:requester',
];

/** Engineering teams are cost centres with their own repositories. */
export const TEAMS: {
  costCenter: string;
  name: string;
  entitlements: string[];
}[] = [
  {
    costCenter: 'CC-3110',
    name: 'Payments',
    entitlements: [gh('payments-api', 'write'), gh('billing-service', 'write')],
  },
  {
    costCenter: 'CC-3120',
    name: 'Web',
    entitlements: [
      gh('web-portal', 'write'),
      gh('design-system', 'write'),
      'figma:editor',
    ],
  },
  {
    costCenter: 'CC-3130',
    name: 'Mobile',
    entitlements: [gh('mobile-app', 'write'), gh('mobile-backend', 'write')],
  },
  {
    costCenter: 'CC-3140',
    name: 'Data',
    entitlements: [gh('data-pipelines', 'write'), 'snowflake:role:transformer'],
  },
  {
    costCenter: 'CC-3150',
    name: 'Platform',
    entitlements: [
      gh('infra-terraform', 'write'),
      gh('platform-charts', 'write'),
      'k8s:production:clusterrole/view',
      awsRole(PROD, 'prod-readonly'),
    ],
  },
];

/**
 * Roles that cut across departments, held by some of several titles (never
 * most of one, or the title's role would absorb them): the change advisory
 * board and the analysts with warehouse access.
 */
export const CROSS_ROLES: {
  id: string;
  titles: Record<string, number>;
  entitlements: string[];
}[] = [
  {
    id: 'change-advisory-board',
    titles: {
      'Engineering Manager': 0.4,
      'IT Manager': 0.5,
      'Systems Administrator': 0.25,
      'Security Analyst': 0.25,
    },
    entitlements: [
      'servicenow:role:change_manager',
      'servicenow:role:approver_user',
    ],
  },
  {
    id: 'analytics',
    titles: {
      'FP&A Analyst': 0.5,
      'Sales Operations Analyst': 0.5,
      'Data Engineer': 0.5,
      'Marketing Operations Specialist': 0.5,
      'Procurement Analyst': 0.5,
      'Account Executive': 0.05,
    },
    entitlements: [
      'tableau:creator',
      'snowflake:role:analyst',
      'looker:developer',
    ],
  },
];

/** The people of the company's leadership, one of each. */
export const EXECUTIVES = [
  'Chief Executive Officer',
  'Chief Financial Officer',
  'Chief Technology Officer',
  'Chief Revenue Officer',
  'Chief People Officer',
  'Chief Information Officer',
  'Chief Marketing Officer',
  'General Counsel',
];

/** Which executive each department reports to, by index in EXECUTIVES. */
export const HEAD_OF: Record<string, number> = {
  Engineering: 2,
  Sales: 3,
  Support: 3,
  Finance: 1,
  'Human Resources': 4,
  IT: 5,
  Marketing: 6,
  Procurement: 1,
  Legal: 7,
};

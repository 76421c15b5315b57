/**
 * The systems of the sample organisation and the entitlements they grant,
 * with risk ratings and owners. Ids follow the conventions the readers and
 * the repository's policies use (`sap:<transaction>`, `workday:…`,
 * `aws:<role or policy ARN>`, `github:<org>/<repo>:<permission>`,
 * `k8s:<namespace>:<kind>/<name>`), so policies/ applies to them as written.
 */
export type Risk = 'low' | 'medium' | 'high' | 'critical';

export interface EntitlementSpec {
  id: string;
  name: string;
  risk?: Risk;
  owner?: string;
  description?: string;
}

export const PROD = '123456789012';
export const STAGING = '210987654321';
export const DATA = '345678901234';
export const awsRole = (account: string, name: string): string =>
  `aws:arn:aws:iam::${account}:role/${name}`;
export const awsPolicy = (name: string): string =>
  `aws:arn:aws:iam::aws:policy/${name}`;
export const gh = (repo: string, permission: string): string =>
  `github:acme/${repo}:${permission}`;

export const REPOS = [
  'payments-api',
  'billing-service',
  'web-portal',
  'design-system',
  'mobile-app',
  'mobile-backend',
  'data-pipelines',
  'infra-terraform',
  'platform-charts',
  'e2e-tests',
  'engineering-handbook',
  'sales-demos',
  'identity-service',
  'docs-site',
] as const;

type Row = [id: string, name: string, risk?: Risk];

/** One system's entitlements: its owner team, then its rows. */
const SYSTEMS: SystemTable = [
  [
    '@acme/finance-owners',
    [
      ['sap:FB60', 'Enter incoming invoice', 'high'],
      ['sap:FV60', 'Park incoming invoice', 'medium'],
      ['sap:MIRO', 'Enter invoice against purchase order', 'high'],
      ['sap:FBL1N', 'Vendor line items', 'low'],
      ['sap:FBL3N', 'G/L account line items', 'low'],
      ['sap:FBL5N', 'Customer line items', 'low'],
      ['sap:FB03', 'Display accounting document', 'low'],
      ['sap:FS10N', 'G/L account balances', 'low'],
      ['sap:XK01', 'Create vendor (centrally)', 'high'],
      ['sap:XK02', 'Change vendor (centrally)', 'high'],
      ['sap:XK03', 'Display vendor (centrally)', 'low'],
      ['sap:XK05', 'Block vendor', 'medium'],
      ['sap:FK01', 'Create vendor (accounting)', 'high'],
      ['sap:FK02', 'Change vendor (accounting)', 'high'],
      ['sap:FK03', 'Display vendor (accounting)', 'low'],
      ['sap:FK10N', 'Vendor balances', 'low'],
      ['sap:F110', 'Automatic payment program', 'critical'],
      ['sap:F-53', 'Post outgoing payment', 'critical'],
      ['sap:F-58', 'Post outgoing payment with printout', 'critical'],
      ['sap:FF7A', 'Cash position', 'low'],
      ['sap:FD32', 'Change customer credit management', 'medium'],
      ['sap:F-28', 'Post incoming payment', 'medium'],
      ['sap:VF03', 'Display billing document', 'low'],
      ['sap:FB50', 'Enter G/L account document', 'medium'],
      ['sap:F-02', 'General posting', 'medium'],
      ['sap:FAGLB03', 'G/L balances (new G/L)', 'low'],
      ['sap:F.01', 'Financial statements', 'low'],
      ['sap:OB52', 'Open and close posting periods', 'high'],
      ['sap:KSB1', 'Cost centre line items', 'low'],
      ['sap:KE30', 'Profitability analysis report', 'low'],
      ['sap:S_ALR_87013611', 'Cost centre plan/actual report', 'low'],
      ['sap:ME21N', 'Create purchase order', 'medium'],
      ['sap:ME22N', 'Change purchase order', 'medium'],
      ['sap:ME23N', 'Display purchase order', 'low'],
      ['sap:ME2N', 'Purchase orders by number', 'low'],
      ['sap:ME28', 'Release purchase orders (collective)', 'high'],
      ['sap:ME29N', 'Release purchase order', 'high'],
      ['sap:MM03', 'Display material', 'low'],
      ['sap:MIGO', 'Goods movement', 'medium'],
      ['sap:SE16N', 'General table display', 'high'],
      ['sap:SM30', 'Maintain table views', 'high'],
      ['sap:SU01', 'User maintenance', 'critical'],
      ['sap:SU53', 'Display authorization check', 'low'],
      ['sap:SM20', 'Security audit log', 'medium'],
      ['sap:SUIM', 'User information system', 'medium'],
      ['sap:PFCG', 'Role maintenance', 'critical'],
      ['sap:table:LFA1:read', 'Read vendor master (LFA1)', 'medium'],
      ['sap:table:LFB1:read', 'Read vendor company code data (LFB1)', 'medium'],
      ['sap:table:BSIK:read', 'Read vendor open items (BSIK)', 'medium'],
      ['sap:table:BKPF:read', 'Read accounting document headers', 'medium'],
      ['sap:table:RBKP:read', 'Read invoice document headers', 'medium'],
      ['sap:table:BSEG:read', 'Read accounting document segments', 'high'],
    ],
  ],
  [
    '@acme/payroll-owners',
    [
      ['workday:self-service', 'Employee self-service', 'low'],
      ['workday:worker:view', 'View worker profiles', 'medium'],
      ['workday:worker:edit', 'Edit worker data', 'high'],
      ['workday:org:view', 'View organisations', 'low'],
      ['workday:hr-reports:view', 'HR reports', 'medium'],
      ['workday:team:view', 'View my team', 'low'],
      ['workday:time-off:approve', 'Approve time off', 'low'],
      ['workday:expenses:approve', 'Approve expense reports', 'medium'],
      ['workday:compensation:view', 'View compensation', 'high'],
      ['workday:compensation:manage', 'Manage compensation', 'high'],
      ['workday:performance:manage', 'Manage performance reviews', 'medium'],
      ['workday:job-change:initiate', 'Initiate job changes', 'medium'],
      ['workday:recruiting:manage', 'Manage requisitions', 'medium'],
      ['workday:hire:initiate', 'Initiate hires', 'medium'],
      ['workday:onboarding:manage', 'Manage onboarding', 'medium'],
      ['workday:benefits:admin', 'Administer benefits', 'high'],
      ['workday:payroll:view', 'View pay results', 'high'],
      ['workday:payroll:input', 'Enter pay inputs', 'high'],
      ['workday:payroll:edit', 'Edit pay components', 'high'],
      ['workday:payroll:calculate', 'Calculate payroll', 'high'],
      ['workday:payroll:approve', 'Approve pay run', 'critical'],
      ['workday:integration:worker-read', 'Integration: read workers', 'high'],
    ],
  ],
  [
    '@acme/revops',
    [
      ['salesforce:profile:standard-user', 'Standard User profile', 'low'],
      [
        'salesforce:permset:reports-dashboards',
        'Reports and dashboards',
        'low',
      ],
      ['salesforce:permset:opportunity-edit', 'Edit opportunities', 'medium'],
      ['salesforce:permset:opportunity-view', 'View opportunities', 'low'],
      ['salesforce:permset:quote-create', 'Create quotes', 'medium'],
      ['salesforce:permset:quote-approve', 'Approve discounted quotes', 'high'],
      ['salesforce:permset:forecast-manage', 'Manage forecasts', 'medium'],
      ['salesforce:permset:lead-edit', 'Edit leads', 'low'],
      ['salesforce:permset:data-export', 'Weekly data export', 'high'],
      ['salesforce:permset:report-builder', 'Report builder', 'low'],
      ['salesforce:permset:account-admin', 'Account administration', 'high'],
      ['salesforce:permset:case-view', 'View cases', 'low'],
      ['salesforce:permset:case-edit', 'Edit cases', 'medium'],
      ['salesforce:permset:api-integration', 'API integration user', 'high'],
      ['salesforce:permset:bulk-api-read', 'Bulk API read', 'high'],
      ['salesforce:permset:modify-all-data', 'Modify All Data', 'critical'],
      ['gong:user', 'Gong call recording', 'low'],
      ['clari:user', 'Clari forecasting', 'low'],
      ['clari:manager', 'Clari manager', 'medium'],
      ['outreach:user', 'Outreach sequences', 'low'],
      ['zoominfo:user', 'ZoomInfo contacts', 'low'],
      ['docusign:sender', 'DocuSign sender', 'medium'],
      ['hubspot:marketing-user', 'HubSpot marketing user', 'low'],
      ['hubspot:admin', 'HubSpot super admin', 'high'],
      ['hubspot:api:contacts-write', 'HubSpot API: write contacts', 'medium'],
      ['hubspot:workflows:admin', 'HubSpot workflows admin', 'medium'],
      ['salesforce:permset:campaign-manage', 'Manage campaigns', 'medium'],
    ],
  ],
  [
    '@acme/support-ops',
    [
      ['zendesk:agent', 'Zendesk agent', 'low'],
      ['zendesk:group:tier1', 'Tier 1 queue', 'low'],
      ['zendesk:group:tier2', 'Tier 2 queue', 'low'],
      ['zendesk:role:team-lead', 'Team lead (reassign, macros)', 'medium'],
      ['zendesk:explore:reporting', 'Explore reporting', 'low'],
      ['zendesk:guide:manager', 'Help centre manager', 'medium'],
      ['zendesk:admin', 'Zendesk administrator', 'critical'],
      ['zendesk:api:tickets-write', 'Zendesk API: write tickets', 'medium'],
      ['five9:agent', 'Five9 telephony agent', 'low'],
      ['five9:supervisor', 'Five9 supervisor', 'medium'],
      ['guru:reader', 'Guru knowledge reader', 'low'],
      ['guru:author', 'Guru knowledge author', 'low'],
      ['statuspage:viewer', 'Statuspage viewer', 'low'],
      ['statuspage:admin', 'Statuspage admin', 'medium'],
    ],
  ],
  [
    '@acme/it-service-management',
    [
      ['servicenow:role:requester', 'Raise requests and incidents', 'low'],
      ['servicenow:role:itil', 'ITIL fulfiller', 'medium'],
      ['servicenow:role:change_manager', 'Approve changes (CAB)', 'high'],
      ['servicenow:role:approver_user', 'Approve requests', 'medium'],
      ['servicenow:role:admin', 'ServiceNow administrator', 'critical'],
      ['jira:browse', 'Browse Jira', 'low'],
      ['jira:project:ENG:developer', 'ENG project developer', 'low'],
      ['jira:project:ENG:admin', 'ENG project administrator', 'medium'],
      ['jira:project:ENG:reporter', 'ENG project reporter', 'low'],
      ['jira:project:SUP:agent', 'Support desk agent', 'low'],
      ['jira:project:IT:agent', 'IT desk agent', 'low'],
      ['jira:project:FIN:user', 'Finance project user', 'low'],
      ['confluence:space:ENG:edit', 'ENG space editor', 'low'],
      ['confluence:space:SUP:view', 'Support space viewer', 'low'],
      ['confluence:space:SUP:admin', 'Support space admin', 'medium'],
      ['confluence:space:IT:edit', 'IT space editor', 'low'],
    ],
  ],
  [
    '@acme/iam-team',
    [
      ['okta:sso', 'Single sign-on', 'low'],
      ['okta:admin:helpdesk', 'Help Desk Administrator', 'medium'],
      ['okta:admin:org', 'Organization Administrator', 'critical'],
      ['okta:admin:report', 'Report Administrator', 'medium'],
      ['okta:admin:super', 'Super Administrator', 'critical'],
      ['ad:group:it-password-reset', 'Delegated password reset', 'medium'],
      ['ad:group:account-operators', 'Account Operators', 'critical'],
      ['ad:group:server-operators', 'Server Operators', 'high'],
      ['ad:group:domain-admins', 'Domain Admins', 'critical'],
      ['m365:mail', 'Exchange Online mailbox', 'low'],
      ['m365:teams', 'Microsoft Teams', 'low'],
      ['m365:sharepoint:finance', 'Finance SharePoint site', 'medium'],
      ['m365:sharepoint:hr', 'HR SharePoint site', 'high'],
      ['m365:sharepoint:legal', 'Legal SharePoint site', 'high'],
      ['jamf:viewer', 'Jamf Pro viewer', 'low'],
      ['jamf:technician', 'Jamf Pro technician', 'medium'],
      ['jamf:admin', 'Jamf Pro administrator', 'high'],
      ['intune:helpdesk-operator', 'Intune help desk operator', 'medium'],
      ['1password:vault:it', 'IT shared vault', 'high'],
    ],
  ],
];

/** One system per entry: its owner team, then its rows. */
export type SystemTable = [owner: string, rows: Row[]][];

export function specsOf(systems: SystemTable): EntitlementSpec[] {
  return systems.flatMap(([owner, rows]) =>
    rows.map(([id, name, risk]) => ({
      id,
      name,
      owner,
      ...(risk === undefined ? {} : { risk }),
    })),
  );
}

export function businessEntitlements(): EntitlementSpec[] {
  return specsOf(SYSTEMS);
}

import { awsPolicy, awsRole, DATA, gh, PROD, STAGING } from './catalogue.ts';
import type { DepartmentSpec, TitleSpec } from './org-chart.ts';

/** What every line manager needs; part of each managing title's role. */
const MANAGER = [
  'workday:team:view',
  'workday:time-off:approve',
  'workday:expenses:approve',
  'lattice:manager',
];

const t = (
  title: string,
  count: number,
  entitlements: string[],
  more: Partial<TitleSpec> = {},
): TitleSpec => ({
  title,
  count,
  ...more,
  entitlements:
    more.manages === true ? [...entitlements, ...MANAGER] : entitlements,
});
const cc = (costCenter: string) => ({ costCenter });
const lead = (costCenter: string) => ({ costCenter, manages: true });

// prettier-ignore
export const DEPARTMENTS: DepartmentSpec[] = [
  {
    name: 'Engineering',
    locations: [40, 10, 18, 12, 4, 8, 0, 8],
    entitlements: [
      'jira:project:ENG:developer', 'confluence:space:ENG:edit',
      awsRole(STAGING, 'developer'), 'k8s:staging:clusterrole/edit',
      'datadog:role:standard', 'sentry:team:member', gh('engineering-handbook', 'read'),
    ],
    titles: [
      t('Software Engineer', 320, [gh('payments-api', 'read'), gh('web-portal', 'read'), gh('mobile-app', 'read'), 'artifactory:read']),
      t('Senior Software Engineer', 135, [gh('infra-terraform', 'read'), gh('docs-site', 'write'), 'sonarqube:scan', 'kibana:logs-read']),
      t('Site Reliability Engineer', 44, [awsRole(PROD, 'prod-deployer'), 'k8s:production:role/deployer', 'pagerduty:role:responder', 'datadog:role:admin'], { teams: [20, 20, 15, 10, 35] }),
      t('QA Engineer', 42, ['testrail:tester', 'browserstack:user', gh('e2e-tests', 'write')]),
      t('Engineering Manager', 36, ['jira:project:ENG:admin', gh('engineering-handbook', 'maintain')], { manages: true }),
      t('Data Engineer', 26, ['airflow:role:op', awsRole(DATA, 'data-engineer'), gh('data-pipelines', 'maintain')], { teams: [20, 10, 10, 40, 20] }),
    ],
  },
  {
    name: 'Sales',
    locations: [22, 24, 30, 0, 10, 12, 2, 0],
    entitlements: ['salesforce:profile:standard-user', 'salesforce:permset:reports-dashboards', 'gong:user', 'linkedin:sales-navigator'],
    titles: [
      t('Account Executive', 232, ['salesforce:permset:opportunity-edit', 'salesforce:permset:quote-create', 'docusign:sender', 'clari:user'], cc('CC-2100')),
      t('Sales Development Representative', 140, ['outreach:user', 'salesforce:permset:lead-edit', 'zoominfo:user'], cc('CC-2200')),
      t('Sales Manager', 38, ['salesforce:permset:quote-approve', 'salesforce:permset:forecast-manage', 'clari:manager'], lead('CC-2100')),
      t('Solutions Engineer', 34, ['salesforce:permset:opportunity-view', gh('sales-demos', 'write'), awsRole(STAGING, 'demo-environments')], cc('CC-2300')),
      t('Sales Operations Analyst', 18, ['salesforce:permset:data-export', 'salesforce:permset:report-builder', 'salesforce:permset:account-admin'], cc('CC-2400')),
    ],
  },
  {
    name: 'Support',
    locations: [8, 10, 24, 44, 10, 4, 0, 0],
    entitlements: ['zendesk:agent', 'jira:project:SUP:agent', 'confluence:space:SUP:view', 'salesforce:permset:case-view', 'statuspage:viewer'],
    titles: [
      t('Support Agent', 176, ['zendesk:group:tier1', 'five9:agent', 'guru:reader'], cc('CC-5100')),
      t('Senior Support Engineer', 70, ['zendesk:group:tier2', 'jira:project:ENG:reporter', 'datadog:role:read-only', awsRole(PROD, 'support-readonly'), 'kibana:logs-read'], cc('CC-5200')),
      t('Support Team Lead', 32, ['zendesk:role:team-lead', 'five9:supervisor', 'statuspage:admin'], lead('CC-5100')),
      t('Knowledge Manager', 14, ['zendesk:guide:manager', 'guru:author', 'confluence:space:SUP:admin'], cc('CC-5300')),
      t('Support Operations Analyst', 16, ['zendesk:explore:reporting', 'salesforce:permset:case-edit'], cc('CC-5300')),
    ],
  },
  {
    name: 'Finance',
    locations: [50, 25, 12, 0, 4, 0, 9, 0],
    entitlements: ['sap:FB03', 'sap:FBL1N', 'sap:FS10N', 'm365:sharepoint:finance', 'anaplan:viewer', 'jira:project:FIN:user'],
    titles: [
      t('Accounts Payable Clerk', 54, ['sap:FB60', 'sap:FV60', 'sap:MIRO', 'sap:XK03', 'coupa:invoice:process'], cc('CC-4110')),
      t('Accountant', 42, ['sap:FB50', 'sap:F-02', 'sap:FAGLB03', 'sap:FBL3N', 'blackline:preparer'], cc('CC-4130')),
      t('FP&A Analyst', 28, ['anaplan:modeler', 'sap:KE30', 'sap:KSB1', 'sap:S_ALR_87013611'], cc('CC-4300')),
      t('Accounts Receivable Clerk', 22, ['sap:FD32', 'sap:F-28', 'sap:FBL5N', 'sap:VF03'], cc('CC-4120')),
      t('Financial Controller', 12, ['sap:F.01', 'sap:OB52', 'blackline:approver'], lead('CC-4130')),
      t('Treasury Analyst', 10, ['sap:F110', 'sap:F-53', 'sap:FF7A', 'kyriba:user'], cc('CC-4200')),
      t('Vendor Master Data Specialist', 8, ['sap:XK01', 'sap:XK02', 'sap:XK03', 'sap:XK05', 'sap:FK01', 'sap:FK02', 'sap:FK03'], cc('CC-4110')),
      t('Internal Auditor', 6, ['sap:XK03', 'sap:FK03', 'sap:FK10N', 'sap:ME23N'], cc('CC-4400')),
    ],
  },
  {
    name: 'Human Resources',
    locations: [55, 20, 15, 0, 5, 5, 0, 0],
    entitlements: ['workday:worker:view', 'workday:org:view', 'workday:hr-reports:view', 'm365:sharepoint:hr'],
    titles: [
      t('Recruiter', 38, ['greenhouse:job-admin', 'linkedin:recruiter', 'workday:recruiting:manage'], cc('CC-6200')),
      t('HR Business Partner', 26, ['workday:compensation:manage', 'workday:performance:manage', 'workday:job-change:initiate'], lead('CC-6100')),
      t('HR Operations Coordinator', 18, ['workday:hire:initiate', 'workday:onboarding:manage', 'workday:worker:edit', 'docusign:sender'], cc('CC-6100')),
      t('Payroll Specialist', 12, ['workday:payroll:input', 'workday:payroll:edit', 'workday:payroll:calculate', 'workday:payroll:view'], cc('CC-6300')),
      t('Benefits Specialist', 8, ['workday:benefits:admin', 'benefitfocus:admin'], cc('CC-6300')),
      t('Payroll Manager', 5, ['workday:payroll:approve', 'workday:compensation:view'], cc('CC-6300')),
    ],
  },
  {
    name: 'IT',
    locations: [50, 15, 20, 10, 5, 0, 0, 0],
    entitlements: ['servicenow:role:itil', 'jira:project:IT:agent', 'confluence:space:IT:edit', 'jamf:viewer'],
    titles: [
      t('IT Support Technician', 48, ['okta:admin:helpdesk', 'ad:group:it-password-reset', 'jamf:technician', 'intune:helpdesk-operator'], cc('CC-7100')),
      t('Systems Administrator', 24, ['ad:group:server-operators', 'vcenter:operator', awsRole(PROD, 'sysadmin'), '1password:vault:it'], cc('CC-7200')),
      t('Security Analyst', 16, [awsPolicy('ReadOnlyAccess'), awsPolicy('SecurityAudit'), awsPolicy('AWSCloudTrail_ReadOnlyAccess'), 'splunk:role:security-analyst', 'crowdstrike:analyst'], cc('CC-7400')),
      t('Network Engineer', 12, ['paloalto:panorama:admin', 'meraki:network-admin', awsRole(PROD, 'network-admin')], cc('CC-7200')),
      t('Identity Administrator', 7, ['okta:admin:org', 'ad:group:account-operators', 'sap:SU01'], cc('CC-7300')),
      t('IT Manager', 6, ['jamf:admin'], lead('CC-7100')),
    ],
  },
  {
    name: 'Marketing',
    locations: [35, 30, 25, 0, 0, 10, 0, 0],
    entitlements: ['hubspot:marketing-user', 'canva:member', 'miro:editor'],
    titles: [
      t('Content Marketer', 36, ['wordpress:editor', 'loom:creator'], cc('CC-8100')),
      t('Marketing Manager', 24, ['hubspot:admin'], lead('CC-8100')),
      t('Designer', 20, ['figma:editor', 'adobe:creative-cloud'], cc('CC-8200')),
      t('Marketing Operations Specialist', 14, ['hubspot:workflows:admin', 'salesforce:permset:campaign-manage'], cc('CC-8300')),
      t('Events Coordinator', 10, ['docusign:sender', 'adobe:acrobat-pro'], cc('CC-8100')),
    ],
  },
  {
    name: 'Procurement',
    locations: [70, 30, 0, 0, 0, 0, 0, 0],
    entitlements: ['sap:ME23N', 'sap:MM03', 'coupa:user'],
    titles: [
      t('Buyer', 14, ['sap:ME21N', 'sap:ME22N', 'coupa:buyer', 'sap:MIGO'], cc('CC-4500')),
      t('Procurement Analyst', 8, ['tableau:viewer', 'sap:ME2N'], cc('CC-4500')),
      t('Purchasing Manager', 6, ['sap:ME28', 'sap:ME29N'], lead('CC-4500')),
    ],
  },
  {
    name: 'Legal',
    locations: [60, 40, 0, 0, 0, 0, 0, 0],
    entitlements: ['ironclad:user', 'm365:sharepoint:legal', 'adobe:acrobat-pro'],
    titles: [
      t('Counsel', 10, ['ironclad:legal-admin'], lead('CC-9100')),
      t('Paralegal', 8, ['docusign:sender'], cc('CC-9100')),
    ],
  },
];

import type { EntitlementSpec, Risk, SystemTable } from './catalogue.ts';
import {
  specsOf,
  awsPolicy,
  awsRole,
  DATA,
  gh,
  PROD,
  REPOS,
  STAGING,
} from './catalogue.ts';

/** Cloud, delivery and data platforms: AWS, Kubernetes, CI and observability. */
const PLATFORM: SystemTable = [
  [
    '@acme/cloud',
    [
      [awsRole(STAGING, 'developer'), 'Staging developer', 'medium'],
      [awsRole(STAGING, 'demo-environments'), 'Demo environments', 'medium'],
      [awsRole(PROD, 'prod-readonly'), 'Production read-only', 'low'],
      [awsRole(PROD, 'prod-deployer'), 'Production deployer (people)', 'high'],
      [awsRole(PROD, 'ci-deploy'), 'CI deploy to production', 'critical'],
      [awsRole(PROD, 'support-readonly'), 'Support log access', 'low'],
      [awsRole(PROD, 'sysadmin'), 'Systems administration', 'high'],
      [awsRole(PROD, 'network-admin'), 'Network administration', 'high'],
      [
        awsRole(PROD, 'break-glass'),
        'Break-glass emergency access',
        'critical',
      ],
      [awsRole(PROD, 'log-shipper'), 'Ship logs to S3', 'medium'],
      [awsRole(PROD, 'backup-operator'), 'AWS Backup operator', 'high'],
      [awsRole(DATA, 'data-engineer'), 'Data account engineer', 'high'],
      [awsRole(DATA, 'etl-s3-writer'), 'Write ETL landing bucket', 'medium'],
      [awsRole(DATA, 'etl-crm-writer'), 'Write CRM landing bucket', 'medium'],
      [awsPolicy('ReadOnlyAccess'), 'ReadOnlyAccess', 'medium'],
      [awsPolicy('SecurityAudit'), 'SecurityAudit', 'medium'],
      [awsPolicy('AWSCloudTrail_ReadOnlyAccess'), 'CloudTrail read', 'low'],
      [awsPolicy('AdministratorAccess'), 'AdministratorAccess', 'critical'],
      [awsPolicy('IAMFullAccess'), 'IAMFullAccess', 'critical'],
    ],
  ],
  [
    '@acme/platform',
    [
      ['k8s:cluster:clusterrole/view', 'Cluster-wide view', 'low'],
      ['k8s:cluster:clusterrole/cluster-admin', 'cluster-admin', 'critical'],
      ['k8s:cluster:clusterrole/log-reader', 'Read pod logs', 'medium'],
      ['k8s:cluster:clusterrole/velero', 'Velero backups', 'high'],
      ['k8s:staging:clusterrole/edit', 'Edit in staging', 'high'],
      ['k8s:production:clusterrole/view', 'View production', 'low'],
      ['k8s:production:role/deployer', 'Roll out to production', 'high'],
      ['k8s:production:role/pod-exec', 'Exec into production pods', 'high'],
      ['k8s:monitoring:role/prometheus-k8s', 'Prometheus config', 'low'],
      ['artifactory:read', 'Artifactory read', 'low'],
      ['artifactory:repo:libs-release:deploy', 'Publish libraries', 'medium'],
      ['artifactory:repo:docker-prod:read', 'Pull production images', 'low'],
      ['sonarqube:scan', 'Run code analysis', 'low'],
      ['datadog:role:standard', 'Datadog standard', 'low'],
      ['datadog:role:read-only', 'Datadog read-only', 'low'],
      ['datadog:role:admin', 'Datadog admin', 'high'],
      ['datadog:api:metrics-submit', 'Submit metrics', 'low'],
      ['pagerduty:role:responder', 'PagerDuty responder', 'low'],
      ['sentry:team:member', 'Sentry team member', 'low'],
      ['testrail:tester', 'TestRail tester', 'low'],
      ['browserstack:user', 'BrowserStack user', 'low'],
      ['splunk:role:security-analyst', 'Splunk security analyst', 'medium'],
      ['splunk:index:app-logs:write', 'Write application logs', 'low'],
      ['kibana:logs-read', 'Kibana log search', 'medium'],
      ['crowdstrike:analyst', 'Falcon analyst', 'medium'],
      ['paloalto:panorama:admin', 'Panorama administrator', 'critical'],
      ['meraki:network-admin', 'Meraki network admin', 'high'],
      ['vcenter:operator', 'vCenter operator', 'high'],
      [
        'stripe:api:restricted-charges',
        'Stripe restricted key: charges',
        'high',
      ],
      ['stripe:api:read-balance', 'Stripe restricted key: balance', 'medium'],
    ],
  ],
  [
    '@acme/data-platform',
    [
      ['snowflake:role:analyst', 'Analyst', 'medium'],
      ['snowflake:role:transformer', 'dbt transformer', 'medium'],
      ['snowflake:role:etl_loader', 'ETL loader', 'medium'],
      ['snowflake:role:crm_loader', 'CRM ETL loader', 'medium'],
      ['snowflake:role:backup', 'Backup reader', 'medium'],
      ['snowflake:role:finance_reader', 'Finance marts reader', 'high'],
      ['airflow:role:op', 'Airflow operator', 'medium'],
      ['tableau:creator', 'Tableau Creator', 'low'],
      ['tableau:viewer', 'Tableau Viewer', 'low'],
      ['looker:developer', 'Looker developer', 'low'],
      ['anaplan:viewer', 'Anaplan viewer', 'low'],
      ['anaplan:modeler', 'Anaplan modeler', 'medium'],
      ['kyriba:user', 'Kyriba treasury', 'medium'],
      ['kyriba:payments:release', 'Kyriba release payments', 'critical'],
      ['blackline:preparer', 'BlackLine preparer', 'low'],
      ['blackline:approver', 'BlackLine approver', 'medium'],
      ['coupa:user', 'Coupa requester', 'low'],
      ['coupa:buyer', 'Coupa buyer', 'medium'],
      ['coupa:invoice:process', 'Coupa invoice processing', 'medium'],
    ],
  ],
  [
    '@acme/workplace',
    [
      ['greenhouse:job-admin', 'Greenhouse job admin', 'medium'],
      ['greenhouse:api:harvest', 'Greenhouse Harvest API', 'high'],
      ['linkedin:recruiter', 'LinkedIn Recruiter', 'low'],
      ['linkedin:sales-navigator', 'LinkedIn Sales Navigator', 'low'],
      ['lattice:manager', 'Lattice manager', 'low'],
      ['ironclad:user', 'Ironclad contracts', 'medium'],
      ['benefitfocus:admin', 'Benefitfocus administrator', 'high'],
      ['ironclad:legal-admin', 'Ironclad legal admin', 'high'],
      ['canva:member', 'Canva member', 'low'],
      ['figma:editor', 'Figma editor', 'low'],
      ['wordpress:editor', 'Website editor', 'medium'],
      ['miro:editor', 'Miro editor', 'low'],
      ['adobe:creative-cloud', 'Adobe Creative Cloud', 'low'],
      ['adobe:acrobat-pro', 'Adobe Acrobat Pro', 'low'],
      ['pluralsight:learner', 'Pluralsight learner', 'low'],
      ['loom:creator', 'Loom creator', 'low'],
    ],
  ],
];

/** GitHub permissions of every repository; admin is critical. */
function github(): EntitlementSpec[] {
  const risks: Record<string, Risk> = {
    read: 'low',
    write: 'medium',
    maintain: 'high',
    admin: 'critical',
  };
  return REPOS.flatMap((repo) =>
    Object.entries(risks).map(([permission, risk]) => ({
      id: gh(repo, permission),
      name: `${repo} (${permission})`,
      risk,
      owner: '@acme/platform',
    })),
  );
}

export function platformEntitlements(): EntitlementSpec[] {
  return [...specsOf(PLATFORM), ...github()];
}

import { describe, expect, it } from 'vitest';
import { buildRole } from '../checks/fixtures.ts';
import type { RoleFileChange } from './proposal.ts';
import { planProposals } from './proposal.ts';

const role = (id: string, extra: Parameters<typeof buildRole>[0] = { id }) =>
  buildRole({ ...extra, id }).role;

const changes: RoleFileChange[] = [
  {
    file: 'roles/finance/ap-clerk.yaml',
    status: 'added',
    after: role('ap-clerk', {
      id: 'ap-clerk',
      title: 'AP clerk',
      owners: ['@acme/finance-owners', '@alice'],
      evidence: {
        statistics: {
          entitlements: [{ risk: 'medium' }, { risk: 'critical' }, {}],
        },
      },
    }),
  },
  {
    file: 'roles/finance/payment-approver.yaml',
    status: 'modified',
    before: role('payment-approver', {
      id: 'payment-approver',
      owners: ['@acme/treasury'],
    }),
    after: role('payment-approver', {
      id: 'payment-approver',
      owners: ['@acme/finance-owners', 'ops@example.com'],
    }),
  },
  {
    file: 'roles/service-accounts/etl.yaml',
    status: 'deleted',
    before: role('etl', { id: 'etl', audience: 'machine' }),
  },
  { file: 'roles/top.yaml', status: 'added', after: role('top') },
];

describe('planProposals', () => {
  it('groups by folder with stable branches, labels and reviewers', () => {
    const plans = planProposals(changes, { grouping: 'scope' });

    expect(plans.map((p) => [p.key, p.branch, p.title])).toEqual([
      ['catalogue', 'rolesmith/roles-catalogue', 'Role top (new): top'],
      [
        'finance',
        'rolesmith/roles-finance',
        'Roles in finance: 1 new, 1 changed',
      ],
      [
        'service-accounts',
        'rolesmith/roles-service-accounts',
        'Role etl (removed): etl',
      ],
    ]);
    const finance = plans[1];
    expect(finance?.roles).toEqual(['ap-clerk', 'payment-approver']);
    expect(finance?.labels).toEqual([
      'access:human',
      'risk:critical',
      'rolesmith',
    ]);
    // The treasury owned the role before: it reviews its removal too.
    expect(finance?.reviewers).toEqual({
      users: ['alice'],
      teams: ['finance-owners', 'treasury'],
    });
    expect(plans[2]?.labels).toEqual(['access:machine', 'rolesmith']);
  });

  it('labels a role critical when it grants what the policies call critical', () => {
    const edited: RoleFileChange = {
      file: 'roles/finance/steward.yaml',
      status: 'modified',
      before: role('steward', { id: 'steward', entitlements: ['sap:XK01'] }),
      after: role('steward', {
        id: 'steward',
        entitlements: ['sap:XK01', 'sap:F110'],
        evidence: { statistics: { entitlements: [{ risk: 'high' }] } },
      }),
    };
    const isCritical = (id: string) => id === 'sap:F110';

    const [plan] = planProposals([edited], { grouping: 'role', isCritical });
    const [unjudged] = planProposals([edited], { grouping: 'role' });

    expect(plan?.labels).toContain('risk:critical');
    expect(unjudged?.labels).toContain('risk:high');
  });

  it('makes one proposal per role on request', () => {
    const plans = planProposals(changes, {
      grouping: 'role',
      branchPrefix: 'iam/',
    });

    expect(plans.map((p) => p.branch)).toEqual([
      'iam/role-ap-clerk',
      'iam/role-etl',
      'iam/role-payment-approver',
      'iam/role-top',
    ]);
    expect(plans[2]?.title).toBe(
      'Role payment-approver (changed): payment-approver',
    );
  });

  it('does not depend on the order of the changes', () => {
    expect(
      planProposals([...changes].reverse(), { grouping: 'scope' }),
    ).toEqual(planProposals(changes, { grouping: 'scope' }));
  });
});

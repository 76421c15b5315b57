import { describe, expect, it } from 'vitest';
import type { RoleSpec } from '../checks/fixtures.ts';
import {
  buildIdentity,
  buildInventory,
  buildRole,
} from '../checks/fixtures.ts';
import type { Audience, Role } from '../model/index.ts';
import type { CandidateRole } from '../mining/types.ts';
import type { ReconcileEntry, Reconciliation } from './reconcile.ts';
import { reconcile } from './reconcile.ts';

const role = (spec: RoleSpec): Role => buildRole(spec).role;

function candidate(
  id: string,
  entitlements: string[],
  identities: string[],
  audience: Audience = 'human',
): CandidateRole {
  return { id, audience, entitlements, identities };
}

const byRole = (result: Reconciliation) =>
  new Map(result.entries.map((entry) => [entry.role, entry]));

function entry(result: Reconciliation, id: string): ReconcileEntry {
  const found = byRole(result).get(id);
  if (found === undefined) throw new Error(`no entry for ${id}`);
  return found;
}

const sap = (...codes: string[]) => codes.map((code) => `sap:${code}`);

describe('reconcile: statuses', () => {
  const roles = [
    role({ id: 'ap-clerk', entitlements: sap('a1', 'a2'), members: ['u1'] }),
    role({
      id: 'payroll-approver',
      entitlements: sap('p1', 'p2', 'p3', 'p4'),
      members: ['u4', 'u5', 'u6', 'u7'],
    }),
    role({ id: 'legacy-viewer', entitlements: ['crm:view'], members: ['u1'] }),
    role({ id: 'future-role', entitlements: ['hr:x'] }),
    role({ id: 'odd-access', entitlements: ['fin:z'], members: ['u9'] }),
  ];
  const candidates = [
    candidate('ap-clerk', sap('a1', 'a2'), ['u1']),
    candidate('mined-payroll', sap('p1', 'p2', 'p3', 'p4', 'PC00_M99_CIPE'), [
      'u4',
      'u5',
      'u6',
      'u8',
    ]),
    candidate('sales-base', ['crm:edit', 'crm:view'], ['u1', 'u8']),
  ];
  const inventory = buildInventory({
    identities: [
      ...['u1', 'u4', 'u5', 'u6', 'u8', 'u9'].map((id) => buildIdentity(id)),
      buildIdentity('u7', 'human', {}, { status: 'disabled' }),
    ],
    assignments: [
      ['u4', 'sap:PC00_M99_CIPE'],
      ['u5', 'sap:PC00_M99_CIPE'],
      ['u6', 'sap:PC00_M99_CIPE'],
      ['u8', 'sap:p1'],
      ['u8', 'sap:PC00_M99_CIPE'],
      ['u7', 'sap:p1'],
    ],
  });
  const result = reconcile(roles, candidates, { inventory });

  it('lists entries by status, then id', () => {
    expect(result.entries.map((e) => [e.status, e.role])).toEqual([
      ['unchanged', 'ap-clerk'],
      ['changed', 'payroll-approver'],
      ['new', 'sales-base'],
      ['redundant', 'legacy-viewer'],
      ['kept', 'future-role'],
      ['kept', 'odd-access'],
    ]);
    expect(result.suggestions).toEqual([]);
  });

  it('reports an unchanged role matched by id', () => {
    expect(entry(result, 'ap-clerk')).toEqual({
      status: 'unchanged',
      role: 'ap-clerk',
      candidate: 'ap-clerk',
      entitlementsAdded: [],
      entitlementsRemoved: [],
      membersAdded: [],
      membersRemoved: [],
      similarity: 1,
      reasons: [
        'candidate ap-clerk has the same id',
        'ap-clerk and candidate ap-clerk grant the same 2 entitlements',
        'both have the same 1 member',
      ],
    });
  });

  it('proposes a change to an approved role as a diff with reasons', () => {
    expect(entry(result, 'payroll-approver')).toEqual({
      status: 'changed',
      role: 'payroll-approver',
      candidate: 'mined-payroll',
      entitlementsAdded: ['sap:PC00_M99_CIPE'],
      entitlementsRemoved: [],
      membersAdded: ['u8'],
      membersRemoved: ['u7'],
      similarity: 0.8,
      reasons: [
        'payroll-approver and candidate mined-payroll share 4 of 5 entitlements (Jaccard 0.80)',
        'candidate mined-payroll adds 1 entitlement: sap:PC00_M99_CIPE',
        '3 of the 4 members of payroll-approver hold sap:PC00_M99_CIPE',
        'candidate mined-payroll adds 1 member: u8',
        'u8 holds 2 of the 5 entitlements of candidate mined-payroll',
        'candidate mined-payroll drops 1 member: u7',
        'u7 has status disabled',
        'u7 holds 1 of the 4 entitlements of payroll-approver',
      ],
    });
  });

  it('reports a candidate without a match as new, with all it grants', () => {
    expect(entry(result, 'sales-base')).toEqual({
      status: 'new',
      role: 'sales-base',
      candidate: 'sales-base',
      entitlementsAdded: ['crm:edit', 'crm:view'],
      entitlementsRemoved: [],
      membersAdded: ['u1', 'u8'],
      membersRemoved: [],
      reasons: [
        'candidate sales-base grants 2 entitlements to 2 members',
        'no existing human role has an entitlement Jaccard of at least 0.80 with sales-base',
      ],
    });
  });

  it('reports a role whose every grant candidates give as redundant', () => {
    expect(entry(result, 'legacy-viewer')).toEqual({
      status: 'redundant',
      role: 'legacy-viewer',
      entitlementsAdded: [],
      entitlementsRemoved: ['crm:view'],
      membersAdded: [],
      membersRemoved: ['u1'],
      reasons: [
        'the 1 grant of legacy-viewer (1 member × 1 entitlement) is also ' +
          'given by candidate sales-base',
        'no human candidate has an entitlement Jaccard of at least 0.80 with legacy-viewer',
      ],
    });
  });

  it('keeps a role defined before it is assigned', () => {
    expect(entry(result, 'future-role').reasons).toEqual([
      'future-role has no members',
      'no human candidate has an entitlement Jaccard of at least 0.80 with future-role',
    ]);
  });

  it('keeps a role granting access no candidate explains', () => {
    expect(entry(result, 'odd-access')).toMatchObject({
      status: 'kept',
      entitlementsRemoved: [],
      membersRemoved: [],
      reasons: [
        '1 of the 1 grant of odd-access (1 member × 1 entitlement) is ' +
          'given by no candidate, e.g. fin:z to u9',
        'no human candidate has an entitlement Jaccard of at least 0.80 with odd-access',
      ],
    });
  });

  it('states only what it knows without an inventory', () => {
    const bare = reconcile(roles, candidates);
    expect(entry(bare, 'payroll-approver').reasons).toEqual([
      'payroll-approver and candidate mined-payroll share 4 of 5 entitlements (Jaccard 0.80)',
      'candidate mined-payroll adds 1 entitlement: sap:PC00_M99_CIPE',
      'candidate mined-payroll adds 1 member: u8',
      'candidate mined-payroll drops 1 member: u7',
    ]);
  });

  it('names a few ids and counts the rest', () => {
    const many = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7'];
    const result = reconcile(
      [role({ id: 'r', entitlements: ['e1'], members: ['u1'] })],
      [candidate('r', ['e1', ...many], ['u1'])],
      { inventory: buildInventory({ identities: [buildIdentity('u1')] }) },
    );
    const reasons = entry(result, 'r').reasons;
    expect(reasons).toContain(
      'candidate r adds 7 entitlements: f1, f2, f3, f4, f5 and 2 more',
    );
    expect(reasons.filter((r) => r.startsWith('0 of the 1 member'))).toEqual(
      ['f1', 'f2', 'f3', 'f4', 'f5'].map(
        (f) => `0 of the 1 member of r hold ${f}`,
      ),
    );
    expect(entry(result, 'r').entitlementsAdded).toEqual(many);
  });

  it('says when a dropped member is not in the inventory', () => {
    const partial = buildInventory({ identities: [buildIdentity('u4')] });
    const reasons = entry(
      reconcile(roles, candidates, { inventory: partial }),
      'payroll-approver',
    ).reasons;
    expect(reasons).toContain('u7 is not in the inventory');
  });
});

describe('reconcile: matching', () => {
  const e = (n: number) => Array.from({ length: n }, (_, k) => `e${k + 1}`);

  it('matches by id whatever the similarity', () => {
    const result = reconcile(
      [role({ id: 'x', entitlements: ['e1', 'e2'], members: ['u1'] })],
      [candidate('x', ['e3'], ['u1']), candidate('y', ['e1', 'e2'], ['u1'])],
    );
    expect(entry(result, 'x')).toMatchObject({
      status: 'changed',
      candidate: 'x',
      similarity: 0,
      entitlementsAdded: ['e3'],
      entitlementsRemoved: ['e1', 'e2'],
    });
    expect(entry(result, 'y').reasons).toContain(
      'the closest role x (Jaccard 1.00) matched candidate x by id',
    );
  });

  it('gives a role to the closest candidate and says so', () => {
    const result = reconcile(
      [role({ id: 'r', entitlements: e(10), members: ['u1'] })],
      [candidate('c1', e(10), ['u1']), candidate('c2', e(9), ['u1'])],
    );
    expect(entry(result, 'r')).toMatchObject({
      status: 'unchanged',
      candidate: 'c1',
    });
    expect(entry(result, 'c2')).toMatchObject({
      status: 'new',
      reasons: [
        'candidate c2 grants 9 entitlements to 1 member',
        'the closest role r (Jaccard 0.90) matched candidate c1 (Jaccard 1.00)',
      ],
    });
  });

  it('breaks similarity ties by member overlap, then by id', () => {
    const roles = [
      role({ id: 'r-a', entitlements: e(5), members: ['u1'] }),
      role({ id: 'r-b', entitlements: e(5), members: ['u1', 'u2'] }),
      role({ id: 'r-c', entitlements: e(5), members: ['u1', 'u2'] }),
    ];
    const first = reconcile(roles, [candidate('c', e(5), ['u1', 'u2'])]);
    expect(entry(first, 'r-b').candidate).toBe('c');
    const tied = reconcile(roles, [candidate('c', e(5), ['u3'])]);
    expect(entry(tied, 'r-a').candidate).toBe('c');
  });

  it('matches one to one', () => {
    const result = reconcile(
      [
        role({ id: 'r1', entitlements: e(5), members: ['u1'] }),
        role({ id: 'r2', entitlements: e(5), members: ['u1'] }),
      ],
      [candidate('c', e(5), ['u1'])],
    );
    expect(result.entries.filter((x) => x.candidate === 'c')).toHaveLength(1);
    expect(entry(result, 'r2')).toMatchObject({
      status: 'redundant',
      reasons: [
        'all 5 grants of r2 (1 member × 5 entitlements) are also given by candidate c',
        'the closest candidate c (Jaccard 1.00) matched role r1 (Jaccard 1.00)',
      ],
    });
  });

  it('honours the match threshold', () => {
    const roles = [role({ id: 'r', entitlements: e(4), members: ['u1'] })];
    const candidates = [candidate('c', e(2), ['u1'])];
    expect(entry(reconcile(roles, candidates), 'c').status).toBe('new');
    const loose = reconcile(roles, candidates, { matchThreshold: 0.5 });
    expect(entry(loose, 'r')).toMatchObject({
      status: 'changed',
      similarity: 0.5,
      entitlementsRemoved: ['e3', 'e4'],
    });
  });

  it('refuses thresholds outside (0, 1]', () => {
    for (const bad of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => reconcile([], [], { matchThreshold: bad })).toThrow(
        /matchThreshold must be above 0 and at most 1/,
      );
      expect(() => reconcile([], [], { suggestThreshold: bad })).toThrow(
        /suggestThreshold/,
      );
    }
  });

  it('takes the first of a repeated id and keeps ids as given', () => {
    const result = reconcile(
      [
        role({ id: 'Dup_Role', entitlements: ['e1'], members: ['U1'] }),
        role({ id: 'Dup_Role', entitlements: ['e9'], members: ['U1'] }),
      ],
      [
        candidate('Dup_Role', ['e1'], ['U1']),
        candidate('Dup_Role', ['e2'], ['U1']),
      ],
    );
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({
      status: 'unchanged',
      role: 'Dup_Role',
    });
  });
});

describe('reconcile: audiences', () => {
  const roles = [
    role({ id: 'deploy', entitlements: ['k8s:deploy'], members: ['u1'] }),
  ];
  const candidates = [
    candidate('deploy', ['k8s:deploy'], ['svc1', 'u1'], 'machine'),
    candidate('ci-deploy', ['k8s:deploy'], ['svc2', 'u1'], 'machine'),
  ];
  const result = reconcile(roles, candidates);

  it('never matches a machine candidate with a human role', () => {
    expect(result.entries.map((e) => [e.status, e.role])).toEqual([
      ['new', 'ci-deploy'],
      ['new', 'deploy'],
      ['kept', 'deploy'],
    ]);
  });

  it('does not let machine candidates make a human role redundant', () => {
    const kept = result.entries.find((e) => e.status === 'kept');
    expect(kept?.reasons).toEqual([
      '1 of the 1 grant of deploy (1 member × 1 entitlement) is given by ' +
        'no candidate, e.g. k8s:deploy to u1',
      'no human candidate has an entitlement Jaccard of at least 0.80 with deploy',
      'candidate deploy has the same id but serves the machine audience',
    ]);
    const fresh = result.entries.find(
      (e) => e.status === 'new' && e.role === 'deploy',
    );
    expect(fresh?.reasons).toContain(
      'existing role deploy has the same id but serves the human audience',
    );
  });
});

describe('reconcile: criteria membership', () => {
  const roles = [
    role({
      id: 'finance-clerks',
      entitlements: ['fin:post', 'fin:view'],
      criteria: [{ department: 'Finance', title: 'Clerk' }],
    }),
  ];
  const candidates = [
    candidate('finance-clerk', ['fin:post', 'fin:view'], ['u1', 'u2']),
  ];
  const inventory = buildInventory({
    identities: [
      buildIdentity('u1', 'human', { department: 'Finance', title: 'Clerk' }),
      buildIdentity('u2', 'human', { department: 'Finance', title: 'Clerk' }),
      buildIdentity('u3', 'human', { department: 'Sales', title: 'Clerk' }),
    ],
  });

  it('resolves members through the inventory', () => {
    expect(
      entry(reconcile(roles, candidates, { inventory }), 'finance-clerks'),
    ).toMatchObject({
      status: 'unchanged',
      candidate: 'finance-clerk',
      reasons: [
        'finance-clerks and candidate finance-clerk grant the same 2 entitlements',
        'both have the same 2 members',
      ],
    });
  });

  it('counts only explicit members without an inventory', () => {
    expect(entry(reconcile(roles, candidates), 'finance-clerks')).toMatchObject(
      { status: 'changed', membersAdded: ['u1', 'u2'], membersRemoved: [] },
    );
  });

  it('says why an unmatched criteria role has no members', () => {
    const keptRoles = [{ ...roles[0]!, entitlements: ['fin:close'] }];
    const withInventory = reconcile(keptRoles, [], {
      inventory: buildInventory({ identities: [buildIdentity('u3')] }),
    });
    expect(entry(withInventory, 'finance-clerks').reasons).toContain(
      'no identity in the inventory matches its attribute criteria',
    );
    expect(entry(reconcile(keptRoles, []), 'finance-clerks').reasons).toContain(
      'its members come from attribute criteria and no inventory was given to resolve them',
    );
  });
});

describe('reconcile: suggestions', () => {
  it('suggests merging roles that together are one candidate', () => {
    const result = reconcile(
      [
        role({
          id: 'ar-entry',
          entitlements: ['ar1', 'ar2', 'ar3'],
          members: ['u1', 'u2'],
        }),
        role({
          id: 'ar-approve',
          entitlements: ['ar4', 'ar5'],
          members: ['u2', 'u3'],
        }),
      ],
      [
        candidate(
          'accounts-receivable',
          ['ar1', 'ar2', 'ar3', 'ar4', 'ar5'],
          ['u1', 'u2', 'u3'],
        ),
      ],
    );
    expect(result.entries.map((e) => [e.status, e.role])).toEqual([
      ['new', 'accounts-receivable'],
      ['redundant', 'ar-approve'],
      ['redundant', 'ar-entry'],
    ]);
    expect(result.suggestions).toEqual([
      {
        kind: 'merge',
        roles: ['ar-approve', 'ar-entry'],
        candidates: ['accounts-receivable'],
        similarity: 1,
        reason:
          'roles ar-approve and ar-entry together grant 5 of the 5 ' +
          'entitlements of candidate accounts-receivable and nothing else ' +
          '(Jaccard 1.00); each has at least 100% of its entitlements in ' +
          'candidate accounts-receivable; 3 of the 3 members of candidate ' +
          'accounts-receivable belong to at least one of them',
      },
    ]);
  });

  it('merges into the role a candidate changed', () => {
    const nine = Array.from({ length: 9 }, (_, k) => `e${k + 1}`);
    const result = reconcile(
      [
        role({ id: 'ap', entitlements: nine, members: ['u1'] }),
        role({ id: 'ap-extra', entitlements: ['e10'], members: ['u2'] }),
      ],
      [candidate('ap', [...nine, 'e10'], ['u1', 'u2'])],
    );
    expect(entry(result, 'ap').status).toBe('changed');
    expect(entry(result, 'ap-extra').status).toBe('redundant');
    expect(result.suggestions).toMatchObject([
      {
        kind: 'merge',
        roles: ['ap', 'ap-extra'],
        candidates: ['ap'],
        similarity: 1,
      },
    ]);
  });

  it('suggests splitting a role that is the union of candidates', () => {
    const result = reconcile(
      [
        role({
          id: 'finance-all',
          entitlements: ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1'],
          members: ['u1', 'u2', 'u3', 'u4'],
        }),
      ],
      [
        candidate('fin-a', ['a1', 'a2', 'a3'], ['u1', 'u2']),
        candidate('fin-b', ['b1', 'b2', 'b3'], ['u3', 'u4']),
        candidate('elsewhere', ['a1', 'x1', 'x2'], ['u1']),
      ],
      { suggestThreshold: 0.85 },
    );
    expect(entry(result, 'finance-all')).toMatchObject({
      status: 'kept',
      reasons: [
        '16 of the 28 grants of finance-all (4 members × 7 entitlements) ' +
          'are given by no candidate, e.g. b1 to u1',
        'no human candidate has an entitlement Jaccard of at least 0.80 with finance-all',
      ],
    });
    expect(result.suggestions).toEqual([
      {
        kind: 'split',
        roles: ['finance-all'],
        candidates: ['fin-a', 'fin-b'],
        similarity: 6 / 7,
        reason:
          'candidates fin-a and fin-b together grant 6 of the 7 ' +
          'entitlements of finance-all and nothing else (Jaccard 0.86); ' +
          'each has at least 100% of its entitlements in finance-all; 4 of ' +
          'the 4 members of finance-all belong to at least one of them',
      },
    ]);
  });

  it('needs shared members and enough similarity', () => {
    const roles = [
      role({ id: 'r1', entitlements: ['a1', 'a2'], members: ['u1'] }),
      role({ id: 'r2', entitlements: ['a3', 'a4'], members: ['u9'] }),
    ];
    const whole = ['a1', 'a2', 'a3', 'a4'];
    expect(
      reconcile(roles, [candidate('c', whole, ['u1', 'u2'])]).suggestions,
    ).toEqual([]);
    expect(
      reconcile(roles, [candidate('c', [...whole, 'a5'], ['u1', 'u9'])])
        .suggestions,
    ).toEqual([]);
  });

  it('suggests nothing for an unchanged match', () => {
    const result = reconcile(
      [
        role({ id: 'r', entitlements: ['a1', 'a2'], members: ['u1'] }),
        role({ id: 's', entitlements: ['a1'], members: ['u1'] }),
      ],
      [candidate('r', ['a1', 'a2'], ['u1'])],
    );
    expect(result.suggestions).toEqual([]);
  });
});

describe('reconcile: determinism', () => {
  const roles = [
    role({
      id: 'ar-entry',
      entitlements: ['ar1', 'ar2', 'ar3'],
      members: ['u1', 'u2'],
    }),
    role({
      id: 'ar-approve',
      entitlements: ['ar4', 'ar5'],
      members: ['u2', 'u3'],
    }),
    role({ id: 'r-a', entitlements: ['e1', 'e2', 'e3'], members: ['u1'] }),
    role({ id: 'r-b', entitlements: ['e1', 'e2', 'e3'], members: ['u1'] }),
    role({
      id: 'split-me',
      entitlements: ['s1', 's2', 's3', 's4'],
      members: ['u5', 'u6'],
    }),
    role({ id: 'odd', entitlements: ['z1', 'e1'], members: ['u9', 'u1'] }),
    role({
      id: 'team',
      entitlements: ['t1'],
      criteria: [{ department: 'Ops' }],
    }),
  ];
  const candidates = [
    candidate(
      'accounts-receivable',
      ['ar5', 'ar4', 'ar3', 'ar2', 'ar1'],
      ['u3', 'u2', 'u1'],
    ),
    candidate('c-e', ['e3', 'e2', 'e1'], ['u1']),
    candidate('s-left', ['s1', 's2'], ['u5']),
    candidate('s-right', ['s3', 's4'], ['u6']),
    candidate('ops', ['t1'], ['u7', 'u8']),
    candidate('bots', ['t1'], ['svc1'], 'machine'),
  ];
  const inventory = buildInventory({
    identities: [
      buildIdentity('u7', 'human', { department: 'Ops' }),
      buildIdentity('u8', 'human', { department: 'Ops' }),
      buildIdentity('u1', 'human', { department: 'Sales' }),
      buildIdentity('svc1', 'service-account'),
    ],
    assignments: [['u1', 'e1']],
  });

  it('gives the same answer whatever the input order', () => {
    const baseline = reconcile(roles, candidates, { inventory });
    expect(baseline.suggestions.map((s) => s.kind)).toEqual(['merge', 'split']);
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const shuffle = <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    for (let round = 0; round < 20; round++) {
      const shuffled = reconcile(
        shuffle(roles).map((r) => ({
          ...r,
          entitlements: shuffle(r.entitlements),
        })),
        shuffle(candidates),
        {
          inventory: {
            ...inventory,
            identities: shuffle(inventory.identities),
          },
        },
      );
      expect(shuffled).toEqual(baseline);
    }
  });

  it('does not modify its inputs', () => {
    const frozen = structuredClone({ roles, candidates });
    reconcile(roles, candidates, { inventory });
    expect({ roles, candidates }).toEqual(frozen);
  });
});

describe('reconcile: a few hundred generated roles', () => {
  // Each group i has its own entitlements and members, so the expected
  // answer follows from i % 6 alone.
  const GROUPS = 300;
  const ents = (i: number, from: number, to: number, tag = 'e') =>
    Array.from(
      { length: to - from },
      (_, k) => `sys${i % 7}:${tag}-${i}-${from + k}`,
    );
  const people = (i: number, n: number) =>
    Array.from({ length: n }, (_, k) => `u-${i}-${k}`);
  const roles: Role[] = [];
  const candidates: CandidateRole[] = [];
  const expected = new Map<string, string>();
  let merges = 0;
  let splits = 0;
  for (let i = 0; i < GROUPS; i++) {
    const audience: Audience = i % 5 === 0 ? 'machine' : 'human';
    const add = (spec: RoleSpec) => roles.push(role({ ...spec, audience }));
    const mine = (id: string, e: string[], m: string[]) =>
      candidates.push(candidate(id, e, m, audience));
    const id = `role-${i}`;
    switch (i % 6) {
      case 0:
        add({ id, entitlements: ents(i, 0, 10), members: people(i, 4) });
        mine(id, ents(i, 0, 10), people(i, 4));
        expected.set(id, 'unchanged');
        break;
      case 1:
        add({ id, entitlements: ents(i, 0, 10), members: people(i, 4) });
        mine(`mined-${i}`, ents(i, 0, 10), people(i, 4));
        expected.set(id, 'unchanged');
        break;
      case 2:
        add({ id, entitlements: ents(i, 0, 10), members: people(i, 4) });
        mine(`mined-${i}`, ents(i, 0, 11), people(i, 5));
        expected.set(id, 'changed');
        break;
      case 3:
        add({ id, entitlements: ents(i, 0, 6), members: people(i, 3) });
        mine(`mined-${i}`, ents(i, 0, 3, 'other'), people(i, 3));
        expected.set(id, 'kept');
        expected.set(`mined-${i}`, 'new');
        break;
      case 4:
        add({
          id: `${id}-a`,
          entitlements: ents(i, 0, 5),
          members: people(i, 3),
        });
        add({
          id: `${id}-b`,
          entitlements: ents(i, 5, 10),
          members: people(i, 3),
        });
        mine(`mined-${i}`, ents(i, 0, 10), people(i, 3));
        expected.set(`${id}-a`, 'redundant');
        expected.set(`${id}-b`, 'redundant');
        expected.set(`mined-${i}`, 'new');
        merges += 1;
        break;
      default:
        add({ id, entitlements: ents(i, 0, 10), members: people(i, 4) });
        mine(`mined-${i}-a`, ents(i, 0, 5), people(i, 4).slice(0, 2));
        mine(`mined-${i}-b`, ents(i, 5, 10), people(i, 4).slice(2));
        expected.set(id, 'kept');
        expected.set(`mined-${i}-a`, 'new');
        expected.set(`mined-${i}-b`, 'new');
        splits += 1;
    }
  }
  const result = reconcile(roles, candidates);

  it('gives every role and candidate its known status', () => {
    const got = new Map(
      result.entries.map((e) => [
        e.status === 'new' ? e.candidate : e.role,
        e.status,
      ]),
    );
    expect(got).toEqual(expected);
  });

  it('finds every merge and split and nothing else', () => {
    const kinds = result.suggestions.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'merge')).toHaveLength(merges);
    expect(kinds.filter((k) => k === 'split')).toHaveLength(splits);
    for (const s of result.suggestions) expect(s.similarity).toBe(1);
  });

  it('writes every reason from the data', () => {
    const reasons = [
      ...result.entries.flatMap((e) => e.reasons),
      ...result.suggestions.map((s) => s.reason),
    ];
    for (const reason of reasons) {
      expect(reason).not.toMatch(/undefined|NaN|Infinity|\s\s|\s$/);
    }
  });

  it('reports each change exactly', () => {
    const changed = result.entries.filter((e) => e.status === 'changed');
    expect(changed).toHaveLength(GROUPS / 6);
    for (const e of changed) {
      const i = Number(e.role.slice('role-'.length));
      expect(e).toMatchObject({
        candidate: `mined-${i}`,
        entitlementsAdded: ents(i, 10, 11),
        entitlementsRemoved: [],
        membersAdded: [`u-${i}-4`],
        membersRemoved: [],
        similarity: 10 / 11,
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkGovernedInvariants } from './invariants.ts';
import { mineGoverned } from './mine-governed.ts';
import { contentHash } from './naming.ts';
import type { GovernedRisk } from './options.ts';
import type { PersonSpec } from './test-inventory.ts';
import { inventoryOf, team } from './test-inventory.ts';

const ap = { department: 'Finance', title: 'Accounts Payable Clerk' };

describe('mineGoverned: SoD', () => {
  const risks: GovernedRisk[] = [
    { id: 'R01', functions: [['ap:post*'], ['ap:vendor']] },
    { id: 'C01', functions: [['adm:root']] },
  ];

  it('refuses the entitlement that would complete a toxic combination', () => {
    const inventory = inventoryOf(
      team('p', 6, ['ap:post-invoice', 'ap:vendor', 'm:mail'], ap),
    );

    const result = mineGoverned(inventory, { sod: { risks }, verify: true });

    const granted = result.roles.flatMap((r) => r.entitlements);
    expect(granted).toContain('ap:post-invoice');
    expect(granted).not.toContain('ap:vendor');
    expect(result.exceptions.map((e) => [e.entitlement, e.reason])).toEqual(
      Array.from({ length: 6 }, () => ['ap:vendor', 'sod']),
    );
    expect(checkGovernedInvariants(inventory, result, { risks })).toEqual([]);
  });

  it('keeps a critical function out of every role', () => {
    const inventory = inventoryOf(team('p', 4, ['adm:root', 'm:mail'], ap));

    const result = mineGoverned(inventory, { sod: { risks } });

    expect(result.roles.flatMap((r) => r.entitlements)).toEqual(['m:mail']);
    expect(new Set(result.exceptions.map((e) => e.reason))).toEqual(
      new Set(['sod']),
    );
  });

  it('reports identities whose current access violates a risk', () => {
    const inventory = inventoryOf([
      ...team('p', 3, ['ap:post-invoice', 'm:mail'], ap),
      { id: 'x', holds: ['ap:post-invoice', 'ap:vendor'] },
    ]);

    const result = mineGoverned(inventory, { sod: { risks } });

    const violations = result.sodViolations;
    expect(violations).toEqual([
      {
        identity: 'x',
        risk: 'R01',
        entitlements: ['ap:post-invoice', 'ap:vendor'],
      },
    ]);
  });
});

describe('mineGoverned: attribute-aligned candidates', () => {
  const people: PersonSpec[] = [
    ...team('ap', 21, ['sap:FB60', 'sap:FK03', 'm:finance'], ap),
    ...team('ctl', 20, ['sap:KE30', 'm:finance'], {
      department: 'Finance',
      title: 'Controller',
    }),
    ...team('tmp', 2, ['sap:FB60', 'sap:FK03']),
    ...team('s', 40, ['m:sales'], { department: 'Sales', title: 'Rep' }),
  ];

  it('names roles after their attribute group', () => {
    const result = mineGoverned(inventoryOf(people), { verify: true });

    expect(result.roles.map((r) => [r.id, r.entitlements])).toEqual([
      ['finance', ['m:finance']],
      ['finance-accounts-payable-clerk', ['sap:FB60', 'sap:FK03']],
      ['finance-controller', ['sap:KE30']],
      ['sales', ['m:sales']],
    ]);
  });

  it('reports the purity of a role that admits unattributed holders', () => {
    const result = mineGoverned(inventoryOf(people));

    const role = result.roles.find(
      (r) => r.id === 'finance-accounts-payable-clerk',
    );
    expect(role?.identities).toContain('tmp-01');
    expect(role?.stats?.purity[0]).toEqual({
      attribute: 'department+title',
      value: 'Finance / Accounts Payable Clerk',
      count: 21,
      share: 0.913,
    });
    expect(role?.stats).toMatchObject({
      members: 23,
      support: 0.277,
      coverage: 0.687,
    });
  });

  it('names a cross-department role by the hash of its entitlements', () => {
    const project = ['proj:x1', 'proj:x2'];
    const result = mineGoverned(
      inventoryOf([
        ...team('f', 4, ['m:finance', ...project], { department: 'Finance' }),
        ...team('g', 6, ['m:finance'], { department: 'Finance' }),
        ...team('s', 4, ['m:sales', ...project], { department: 'Sales' }),
        ...team('t', 6, ['m:sales'], { department: 'Sales' }),
      ]),
      { verify: true },
    );

    const role = result.roles.find((r) => r.entitlements.includes('proj:x1'));
    expect(role?.id).toBe(`role-${contentHash('human\nproj:x1\nproj:x2')}`);
    expect(role?.identities).toHaveLength(8);
  });
});

describe('mineGoverned: k-means peer groups', () => {
  it.each([2, 3, 4])(
    'finds %i hidden teams by silhouette and mines a role for each',
    (teams) => {
      const people = Array.from({ length: teams }, (_, t) =>
        team(`t${t}`, 24 / teams, ['g:repo', `t${t}:a`, `t${t}:b`], {
          department: 'Engineering',
          title: 'Engineer',
        }),
      ).flat();

      const result = mineGoverned(inventoryOf(people), { verify: true });

      const evidence = result.peerGroups ?? [];
      expect(evidence[0]).toMatchObject({ k: teams, silhouette: 1 });
      const peerRoles = result.roles.filter((r) =>
        r.id.startsWith('engineering-engineer-peers-'),
      );
      expect(peerRoles.map((r) => r.entitlements.length)).toEqual(
        Array.from({ length: teams }, () => 2),
      );
    },
  );

  it('keeps a group without structure whole', () => {
    const people = [
      ...team('e', 12, ['g:repo', 'g:ci'], {
        department: 'Engineering',
      }).map((p, n) => ({ ...p, holds: [...p.holds, `noise:${n}`] })),
      ...team('s', 12, ['m:sales'], { department: 'Sales' }),
    ];

    const result = mineGoverned(inventoryOf(people));

    expect(result.peerGroups).toEqual([]);
    expect(result.roles.map((r) => r.id)).toEqual(['engineering', 'sales']);
  });
});

describe('mineGoverned: access outliers', () => {
  it('lists an identity with unusual and missing access', () => {
    const people: PersonSpec[] = [
      ...team('p', 7, ['a:1', 'a:2', 'a:3'], ap),
      {
        id: 'mover',
        attributes: ap,
        holds: ['a:1', 'a:2', 'old:1', 'old:2'],
      },
    ];

    const result = mineGoverned(inventoryOf(people));

    expect(result.outliers).toEqual([
      {
        identity: 'mover',
        peerGroup: 'human: Finance / Accounts Payable Clerk',
        unusual: ['old:1', 'old:2'],
        missing: ['a:3'],
        score: 0.6,
      },
    ]);
    const reasons = result.exceptions
      .filter((e) => e.identity === 'mover')
      .map((e) => [e.entitlement, e.reason]);
    expect(reasons).toEqual([
      ['a:1', 'uncovered'],
      ['a:2', 'uncovered'],
      ['old:1', 'one-off'],
      ['old:2', 'one-off'],
    ]);
  });
});

describe('mineGoverned: cross-department concepts', () => {
  const finance = { department: 'Finance' };
  const sales = { department: 'Sales' };
  const base = [
    ...team('f', 20, ['m:finance'], finance),
    ...team('s', 20, ['m:sales'], sales),
  ];
  const give = (ids: string[], entitlements: string[]) => {
    for (const person of base) {
      if (ids.includes(person.id)) person.holds.push(...entitlements);
    }
  };
  give(['f-01', 'f-02', 'f-03', 's-01', 's-02', 's-03'], ['p:1', 'p:2', 'p:3']);
  give(
    ['f-01', 'f-02', 'f-03', 'f-04', 'f-05', 'f-06', 'f-07', 'f-08'],
    ['legacy:app'],
  );
  give(
    ['s-01', 's-02', 's-03', 's-04', 's-05', 's-06', 's-07', 's-08'],
    ['legacy:app'],
  );
  give(['f-10', 'f-11', 's-10'], ['tiny:1', 'tiny:2']);

  it('keeps popular access out of a project role', () => {
    const result = mineGoverned(inventoryOf(base), { verify: true });

    const concepts = result.roles.filter((r) => r.id.startsWith('role-'));
    expect(concepts.map((r) => [r.entitlements, r.identities.length])).toEqual([
      [['p:1', 'p:2', 'p:3'], 6],
    ]);
  });

  it('leaves a block that saves too little as exceptions', () => {
    const result = mineGoverned(inventoryOf(base));

    const tiny = result.exceptions.filter((e) =>
      e.entitlement.startsWith('tiny'),
    );
    expect(tiny.map((e) => e.reason)).toEqual(
      Array.from({ length: 6 }, () => 'outlier'),
    );
    expect(result.roles.flatMap((r) => r.entitlements)).not.toContain('tiny:1');
  });
});

describe('mineGoverned: group quorum', () => {
  it('stops adding entitlements before fewer than minSupport hold them all', () => {
    const people: PersonSpec[] = Array.from({ length: 10 }, (_, n) => ({
      id: `p-${n}`,
      attributes: ap,
      holds: ['a:1', ...(n < 7 ? ['x:1'] : []), ...(n >= 3 ? ['y:1'] : [])],
    }));

    const result = mineGoverned(inventoryOf(people), { verify: true });

    const role = result.roles.find((r) => r.entitlements.includes('a:1'));
    expect(role?.entitlements).toEqual(['a:1', 'x:1']);
    expect(role?.identities).toHaveLength(7);
  });
});

describe('mineGoverned: baseline', () => {
  it('leaves access one large department holds to that department', () => {
    const inventory = inventoryOf([
      ...team('fin', 8, ['sap:FB60', 'mail:all'], { department: 'Finance' }),
      ...team('hr', 4, ['sap:PA30', 'mail:all'], { department: 'HR' }),
    ]);

    const result = mineGoverned(inventory, { verify: true });

    const byId = new Map(result.roles.map((r) => [r.id, r.entitlements]));
    // 8 of 12 hold sap:FB60 (above minSupport 0.6), but none outside
    // Finance: it is Finance's access, while mail:all is everyone's.
    expect(byId.get('human-baseline')).toEqual(['mail:all']);
    expect(byId.get('finance')).toEqual(['sap:FB60']);
  });
});

import { describe, expect, it } from 'vitest';
import { builtinSchema } from '../catalogue/schemas.ts';
import { RolesmithError } from '../errors.ts';
import { mineGoverned } from '../mining/governed/index.ts';
import type { Inventory, Role } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';
import { buildEvidence } from './evidence.ts';
import type { EvidenceCheck } from './explain.ts';
import { explainRole } from './explain.ts';
import { explainFixture } from './explain-fixture.ts';
import { fixtureInventory, fixtureResult } from './fixture.ts';
import { summarise } from './summary.ts';

/** The shipped JSON Schema as a check, as the CLI passes it. */
const schemaCheck: EvidenceCheck = (evidence) => {
  const validate = builtinSchema('evidence');
  if (validate(evidence)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath,
    message: e.message ?? 'is invalid',
  }));
};

/** A role as mining writes it, its evidence as read back from a file. */
function minedRole(inventory: Inventory = explainFixture()): Role {
  const result = mineGoverned(inventory);
  const candidate = result.roles[0];
  if (candidate === undefined) throw new Error('the fixture mines no role');
  const evidence = buildEvidence(candidate, {
    result,
    inventory,
    version: '0.1.0',
    attributes: result.algorithm.parameters['attributes'] as string[],
    usageWindowDays: 180,
    risks: [],
    existing: [],
  });
  return {
    id: candidate.id,
    title: 'Finance baseline',
    description: '',
    owners: ['@acme/x'],
    audience: candidate.audience,
    entitlements: [...candidate.entitlements],
    membership: { identities: [...candidate.identities], criteria: [] },
    review: {},
    labels: ['mined'],
    evidence: JSON.parse(JSON.stringify(evidence)) as Record<string, unknown>,
  };
}

function thrown(run: () => unknown): RolesmithError {
  try {
    run();
  } catch (error) {
    if (error instanceof RolesmithError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const explain = (role: Role, inventory = explainFixture()) =>
  explainRole(role, inventory, {
    file: 'roles/x.yaml',
    checkEvidence: schemaCheck,
  });

describe('explainRole', () => {
  it('reproduces the evidence from the same inventory', () => {
    const role = minedRole();

    const explanation = explain(role);

    expect(explanation.differences).toEqual([]);
    expect(explanation.reproduced).toBe(true);
    expect(explanation.notes).toEqual([]);
    expect(explanation.data.date).toBe('2026-06-04');
    // Members 4 + purity 2 × 4 + entitlements 6 + 8 + 7 + systems 2 + 1.
    expect(explanation.compared).toBe(36);
    expect(explanation.summary).toEqual(
      summarise(role.evidence as unknown as EvidenceBlock),
    );
  });

  it('reports a changed usage timestamp as the usage figures it moves', () => {
    const role = minedRole();
    const inventory = explainFixture();
    const used = inventory.assignments.find(
      (a) => a.identity === 'u1' && a.entitlement === 'sap:FBL1N',
    );
    if (used !== undefined) used.lastUsedAt = '2025-01-15';

    const explanation = explain(role, inventory);

    expect(explanation.reproduced).toBe(false);
    expect(explanation.differences).toEqual([
      { path: '/statistics/entitlements/2/used_recently', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/2/unused', recorded: 0, now: 1 },
    ]);
    expect(explanation.summary.map((s) => s.text).join(' ')).toContain(
      'sap:FBL1N (1 of 4)',
    );
  });

  it('reports a newer record as a new data date', () => {
    const inventory = explainFixture();
    const role = minedRole();
    inventory.assignments.push({
      identity: 'u9',
      entitlement: 'mail:finance',
      grantedAt: '2026-07-01T08:00:00Z',
    });

    const explanation = explain(role, inventory);

    expect(explanation.differences).toEqual([
      { path: '/data/date', recorded: '2026-06-04', now: '2026-07-01' },
    ]);
  });

  it('reports a member removed from the role file since mining', () => {
    const role = minedRole();
    role.membership.identities = ['u1', 'u2', 'u3'];

    const explanation = explain(role);

    const note = 'members edited in the role since mining';
    expect(explanation.differences).toEqual([
      { path: '/statistics/members/count', recorded: 4, now: 3, note },
      { path: '/statistics/members/purity/0/count', recorded: 4, now: 3 },
      { path: '/statistics/members/purity/1/count', recorded: 4, now: 3 },
      { path: '/statistics/members/coverage', recorded: 0.923, now: 0.9 },
      { path: '/statistics/entitlements/0/holders', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/0/no_usage_data', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/1/holders', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/1/used_recently', recorded: 4, now: 3 },
      {
        path: '/statistics/entitlements/1/last_used',
        recorded: '2026-06-04',
        now: '2026-06-03',
      },
      { path: '/statistics/entitlements/2/holders', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/2/used_recently', recorded: 4, now: 3 },
      { path: '/statistics/direct_assignments', recorded: 12, now: 9 },
    ]);
    expect(explanation.notes).toEqual([
      expect.stringContaining('it names 3 members, 4 were mined'),
    ]);
  });

  it('reports entitlements added to and removed from the role', () => {
    const role = minedRole();
    role.entitlements = ['sap:F110', 'sap:FB60', 'sap:FBL1N'];

    const explanation = explain(role);

    expect(explanation.differences).toContainEqual({
      path: '/statistics/entitlements/0',
      recorded: expect.objectContaining({ id: 'mail:finance' }) as unknown,
      now: null,
      note: 'removed from the role since mining',
    });
    expect(explanation.differences).toContainEqual({
      path: '/statistics/entitlements/-',
      recorded: null,
      now: expect.objectContaining({ id: 'sap:F110', holders: 1 }) as unknown,
      note: 'added to the role since mining',
    });
    expect(explanation.differences).toContainEqual({
      path: '/statistics/by_system/mail',
      recorded: 1,
      now: null,
    });
    expect(explanation.notes[0]).toMatch(
      /now also grants sap:F110; it no longer grants mail:finance/,
    );
  });

  it('reports an edited, a missing and an extra source by file', () => {
    const role = minedRole();
    const inventory = explainFixture();
    inventory.sources = [
      { source: 'hr', file: 'hr/assignments.csv', sha256: 'c'.repeat(64) },
      { source: 'hr', file: 'hr/entitlements.csv', sha256: 'd'.repeat(64) },
    ];

    const explanation = explain(role, inventory);

    expect(explanation.differences).toEqual([
      {
        path: '/data/sources/0/sha256',
        recorded: 'b'.repeat(64),
        now: 'c'.repeat(64),
        note: 'hr/assignments.csv changed since mining',
      },
      {
        path: '/data/sources/1',
        recorded: {
          source: 'hr',
          file: 'hr/identities.csv',
          sha256: 'a'.repeat(64),
        },
        now: null,
        note: 'this source was mined but not read now',
      },
      {
        path: '/data/sources/-',
        recorded: null,
        now: {
          source: 'hr',
          file: 'hr/entitlements.csv',
          sha256: 'd'.repeat(64),
        },
        note: 'this source was read now but not mined',
      },
    ]);
  });

  it('resolves attribute criteria against the inventory', () => {
    const role = minedRole();
    role.membership = {
      identities: [],
      criteria: [[{ attribute: 'department', values: ['Finance'] }]],
    };

    const same = explain(role);
    expect(same.reproduced).toBe(true);
    expect(same.notes).toEqual([
      '4 of its 4 members are matched by its attribute criteria in this inventory.',
    ]);

    role.membership.criteria = [
      [{ attribute: 'department', values: ['Finance', 'Treasury'] }],
    ];
    const wider = explain(role);
    expect(wider.differences[0]).toEqual({
      path: '/statistics/members/count',
      recorded: 4,
      now: 5,
      note: 'members matched by attribute criteria depend on the inventory',
    });
    expect(wider.statistics.members.count).toBe(5);
  });

  it('explains a hand-written role without claiming to reproduce it', () => {
    const role = minedRole();
    delete role.evidence;
    role.membership.identities.push('u404');

    const explanation = explain(role);

    expect(explanation.reproduced).toBeNull();
    expect(explanation.differences).toEqual([]);
    expect(explanation.compared).toBe(0);
    expect(explanation.statistics.members.count).toBe(5);
    expect(explanation.notes).toEqual([
      expect.stringContaining('records no evidence'),
      expect.stringContaining('(u404)'),
    ]);
    expect(explanation.summary.length).toBeGreaterThan(2);
    for (const sentence of explanation.summary) {
      for (const fact of sentence.facts) {
        expect(fact).toMatch(/^\/(statistics|data|usage_window_days)/);
      }
    }
  });

  it('refuses an evidence block of an unknown format, naming the file', () => {
    const role = minedRole();
    const evidence = role.evidence ?? {};

    const newer = thrown(() =>
      explain({ ...role, evidence: { ...evidence, format: 2 } }),
    );
    expect(newer.message).toBe(
      'evidence format 2 is newer than the format this rolesmith reads',
    );
    expect(newer.location).toEqual({
      file: 'roles/x.yaml',
      path: '/evidence/format',
    });
    expect(newer.expected).toMatch(/^format 1; .*mined_by\.version 0\.1\.0/);
    expect(newer.exitCode).toBe(2);

    const none = thrown(() =>
      explain({ ...role, evidence: { ...evidence, format: undefined } }),
    );
    expect(none.message).toBe('the evidence block has no format number');
  });

  it('refuses a malformed evidence block with where and what was expected', () => {
    const role = minedRole();
    const evidence = role.evidence as unknown as EvidenceBlock;
    evidence.statistics.members.count = 'four' as unknown as number;

    const error = thrown(() => explain(role));

    expect(error.message).toBe(
      'the evidence block is malformed: must be integer',
    );
    expect(error.location.path).toBe('/evidence/statistics/members/count');
    expect(error.expected).toContain('schemas/evidence.schema.json');
    expect(error.describe()).toMatch(/^roles\/x\.yaml \(at \/evidence/);
  });
});

describe('schemas/evidence.schema.json', () => {
  it('accepts every block buildEvidence writes', () => {
    const role = minedRole();

    expect(schemaCheck(role.evidence)).toEqual([]);
    // Overlaps, exclusions and a mitigated SoD violation too.
    const result = fixtureResult();
    const [candidate] = result.roles;
    if (candidate === undefined) throw new Error('no candidate');
    const full = buildEvidence(candidate, {
      result,
      inventory: fixtureInventory(),
      version: '0.1.0',
      attributes: ['department', 'title'],
      usageWindowDays: 180,
      risks: ['P2P-002'],
      existing: [{ ...role, id: 'ap', entitlements: ['sap:FB60'] }],
    });
    expect(full.overlaps).not.toEqual([]);
    expect(schemaCheck(JSON.parse(JSON.stringify(full)))).toEqual([]);
  });

  it('rejects unknown fields and wrong types with their pointers', () => {
    const evidence = minedRole().evidence as unknown as EvidenceBlock;
    const broken = {
      ...evidence,
      extra: true,
      data: { ...evidence.data, date: '2026-6-4' },
    };

    const paths = schemaCheck(broken).map((p) => p.path);

    expect(paths).toContain('');
    expect(paths).toContain('/data/date');
  });
});

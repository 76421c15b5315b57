import { describe, expect, it } from 'vitest';
import { roleToYaml } from '../catalogue/role-writer.ts';
import type { CandidateRole } from '../mining/types.ts';
import { buildEvidence } from './evidence.ts';
import type { EvidenceContext } from './evidence.ts';
import { fixtureInventory, fixtureResult } from './fixture.ts';
import { draftRole } from './role-draft.ts';
import { computeRoleStatistics } from './role-statistics.ts';
import { summarise } from './summary.ts';

function context(overrides: Partial<EvidenceContext> = {}): EvidenceContext {
  return {
    result: fixtureResult(),
    inventory: fixtureInventory(),
    version: '0.1.0',
    attributes: ['department', 'title', 'location'],
    usageWindowDays: 180,
    risks: ['P2P-002', 'P2P-001'],
    existing: [],
    ...overrides,
  };
}

const candidate = (): CandidateRole =>
  fixtureResult().roles[0] as CandidateRole;

describe('computeRoleStatistics', () => {
  it('counts members, purity, coverage and usage from the inventory', () => {
    const stats = computeRoleStatistics(candidate(), fixtureInventory(), {
      attributes: ['department', 'title'],
      dataDate: '2026-11-25',
      usageWindowDays: 180,
    });

    expect(stats.members).toEqual({
      count: 6,
      audience: 'human',
      audience_size: 6,
      purity: [
        {
          attribute: 'title',
          value: 'Accounts Payable Clerk',
          count: 6,
          share: 1,
        },
        { attribute: 'department', value: 'Finance', count: 5, share: 0.833 },
      ],
      // 18 of the members' 19 assignments: u1003 also holds sap:F110.
      coverage: 0.947,
    });
    expect(stats.entitlements).toEqual([
      {
        id: 'mail:finance',
        system: 'mail',
        holders: 6,
        used_recently: 0,
        unused: 0,
        no_usage_data: 6,
      },
      {
        id: 'sap:FB60',
        system: 'sap',
        risk: 'medium',
        holders: 6,
        used_recently: 6,
        unused: 0,
        no_usage_data: 0,
        last_used: '2026-11-25',
      },
      {
        id: 'sap:FBL1N',
        system: 'sap',
        risk: 'low',
        holders: 6,
        used_recently: 4,
        unused: 2,
        no_usage_data: 0,
        last_used: '2026-11-15',
      },
    ]);
    expect(stats.by_system).toEqual({ mail: 1, sap: 2 });
    expect(stats.direct_assignments).toBe(18);
  });

  it('counts no usage window without a data date', () => {
    const stats = computeRoleStatistics(candidate(), fixtureInventory(), {
      attributes: [],
      dataDate: 'unknown',
      usageWindowDays: 180,
    });

    expect(stats.entitlements.map((e) => e.used_recently)).toEqual([0, 0, 0]);
    expect(stats.entitlements.map((e) => e.unused)).toEqual([0, 0, 0]);
    expect(stats.members.purity).toEqual([]);
  });
});

describe('buildEvidence', () => {
  it('records the run, the data and what the role left out', () => {
    const evidence = buildEvidence(candidate(), context());

    expect(evidence.mined_by).toEqual({
      tool: 'rolesmith',
      version: '0.1.0',
      algorithm: 'governed',
      parameters: { minMembers: 3, attributes: ['department', 'title'] },
    });
    expect(evidence.data.date).toBe('2026-11-25');
    expect(evidence.data.sources.map((s) => s.file)).toEqual([
      'hr/assignments.csv',
      'hr/identities.csv',
    ]);
    // svc-etl is no member: its one-off grant is not this role's.
    expect(evidence.exclusions).toEqual({
      assignments: 1,
      by_reason: { 'one-off': 1 },
      top: [{ entitlement: 'sap:F110', reason: 'one-off', members: 1 }],
    });
    expect(evidence.sod).toEqual({
      risks_checked: ['P2P-001', 'P2P-002'],
      member_violations: [
        { identity: 'u1003', risk: 'P2P-002', mitigation: 'MIT-7' },
      ],
    });
  });

  it('lists approved roles of the same audience it overlaps', () => {
    const approved = draftRole(
      { ...candidate(), id: 'ap-clerk', entitlements: ['sap:FB60'] },
      buildEvidence(candidate(), context()),
      ['@acme/finance'],
    );
    const machine = { ...approved, id: 'etl', audience: 'machine' as const };

    const evidence = buildEvidence(
      candidate(),
      context({ existing: [approved, machine] }),
    );

    expect(evidence.overlaps).toEqual([
      { role: 'ap-clerk', shared_entitlements: 1, shared_members: 6 },
    ]);
  });
});

/** The value at a JSON Pointer, or undefined when it does not resolve. */
function at(document: unknown, pointer: string): unknown {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every number and string a fact holds, as the summary may print them. */
function printable(value: unknown): string[] {
  if (typeof value === 'number') {
    return [String(value), String(Math.round(value * 100)), value.toFixed(2)];
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [String(value.length)];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [k, ...printable(v)]);
  }
  return [];
}

describe('summarise', () => {
  const variants: [string, EvidenceContext][] = [
    ['the fixture', context()],
    ['no risks and no usage data', context({ risks: [], usageWindowDays: 1 })],
    [
      'an overlap',
      context({
        existing: [
          draftRole(
            { ...candidate(), id: 'ap-clerk' },
            buildEvidence(candidate(), context()),
            ['@acme/finance'],
          ),
        ],
      }),
    ],
  ];

  it.each(variants)(
    'backs every sentence with evidence fields (%s)',
    (_, ctx) => {
      const evidence = buildEvidence({ ...candidate(), id: 'x' }, ctx);
      const sentences = summarise(evidence);

      expect(sentences.length).toBeGreaterThan(4);
      for (const sentence of sentences) {
        expect(sentence.facts.length).toBeGreaterThan(0);
        const values = sentence.facts.map((pointer) => {
          const value = at(evidence, pointer);
          expect(value, `${pointer} in "${sentence.text}"`).toBeDefined();
          return value;
        });
        const backed = new Set(values.flatMap(printable));
        // Each number the sentence states is one of its facts.
        // Each number and date the sentence states is one of its facts;
        // digits inside ids (sap:FB60) are part of the id, not numbers.
        const tokens =
          sentence.text.match(
            /(?<![\w:/-])(?:\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?)(?![\w:/-])/g,
          ) ?? [];
        for (const token of tokens) {
          expect(backed, `${token} in "${sentence.text}"`).toContain(token);
        }
      }
    },
  );

  it('reads as the reviewer sees it', async () => {
    const evidence = buildEvidence(candidate(), context());

    await expect(
      summarise(evidence)
        .map((s) => s.text)
        .join('\n'),
    ).toMatchFileSnapshot('../../test/golden/evidence/summary.txt');
  });
});

describe('role files', () => {
  it('writes a mined role with stable keys and its evidence', async () => {
    const evidence = buildEvidence(candidate(), context());
    const text = roleToYaml(draftRole(candidate(), evidence, ['@acme/ap']));

    await expect(text).toMatchFileSnapshot(
      '../../test/golden/evidence/finance-accounts-payable-clerk.yaml',
    );
  });

  it('gives the same bytes whatever the order of the input', () => {
    const first = roleToYaml(
      draftRole(candidate(), buildEvidence(candidate(), context()), ['@a']),
    );
    const inventory = fixtureInventory();
    inventory.assignments.reverse();
    inventory.identities.reverse();
    inventory.sources.reverse();

    const second = roleToYaml(
      draftRole(
        candidate(),
        buildEvidence(candidate(), context({ inventory })),
        ['@a'],
      ),
    );

    expect(second).toBe(first);
  });
});

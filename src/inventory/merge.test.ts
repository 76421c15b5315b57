import { describe, expect, it } from 'vitest';
import type {
  Assignment,
  Entitlement,
  Identity,
  IdentityKind,
  Inventory,
} from '../model/index.ts';
import type { IdentityMapping, LabelledInventory } from './merge.ts';
import { mergeInventories } from './merge.ts';

function person(
  id: string,
  fields: Partial<Identity> = {},
  kind: IdentityKind = 'human',
): Identity {
  return { id, kind, attributes: {}, ...fields };
}

function part(
  label: string,
  identities: Identity[],
  assignments: Assignment[] = [],
  entitlements: Entitlement[] = [],
): LabelledInventory {
  const inventory: Inventory = {
    identities,
    entitlements,
    assignments,
    sources: [],
  };
  return { label, inventory };
}

const ids = (inventory: Inventory) => inventory.identities.map((i) => i.id);

describe('mergeInventories: e-mail correlation', () => {
  it.each([
    ['the same address', 'alice@acme.com', 'alice@acme.com'],
    ['a different case', 'Alice@Acme.COM', 'alice@acme.com'],
    ['surrounding blanks', '  alice@acme.com ', 'alice@acme.com\t'],
  ])('joins two sources on %s', (_name, first, second) => {
    const result = mergeInventories([
      part('hr', [person('alice', { email: first })]),
      part(
        'github',
        [person('asmith', { email: second })],
        [{ identity: 'asmith', entitlement: 'github:acme/app:write' }],
      ),
    ]);

    expect(ids(result.inventory)).toEqual(['alice']);
    expect(result.inventory.identities[0]?.email).toBe(first);
    expect(result.inventory.assignments).toEqual([
      { identity: 'alice', entitlement: 'github:acme/app:write' },
    ]);
    expect(result.correlations).toEqual([
      {
        canonical: 'alice',
        merged: [
          { source: 'hr', id: 'alice' },
          { source: 'github', id: 'asmith' },
        ],
        by: 'email',
      },
    ]);
    expect(result.conflicts).toEqual([]);
  });

  it.each([
    ['different addresses', 'alice@acme.com', 'alice@acme.org'],
    ['blank addresses', '  ', ''],
  ])('keeps identities with %s apart', (_name, first, second) => {
    const result = mergeInventories([
      part('hr', [person('alice', { email: first })]),
      part('github', [person('asmith', { email: second })]),
    ]);

    expect(ids(result.inventory)).toEqual(['alice', 'asmith']);
    expect(result.correlations).toEqual([]);
  });

  it('keeps two accounts of one source apart when they share an address', () => {
    const result = mergeInventories([
      part('hr', [
        person('alice', { email: 'alice@acme.com' }),
        person('alice-admin', { email: 'ALICE@acme.com' }),
      ]),
    ]);

    expect(ids(result.inventory)).toEqual(['alice', 'alice-admin']);
    expect(result.correlations).toEqual([]);
  });

  it('joins at most one identity of each later source to an address', () => {
    const result = mergeInventories([
      part('hr', [person('alice', { email: 'alice@acme.com' })]),
      part('github', [
        person('asmith', { email: 'alice@acme.com' }),
        person('asmith-bot-owner', { email: 'alice@acme.com' }),
      ]),
      part('okta', [person('a.smith', { email: 'alice@acme.com' })]),
    ]);

    expect(ids(result.inventory)).toEqual(['alice', 'asmith-bot-owner']);
    expect(result.correlations).toEqual([
      {
        canonical: 'alice',
        merged: [
          { source: 'hr', id: 'alice' },
          { source: 'github', id: 'asmith' },
          { source: 'okta', id: 'a.smith' },
        ],
        by: 'email',
      },
    ]);
  });

  it('joins identities with the same id in several sources, by id', () => {
    const result = mergeInventories([
      part('hr', [person('u1')]),
      part('github', [person('u1')]),
    ]);

    expect(ids(result.inventory)).toEqual(['u1']);
    expect(result.correlations).toEqual([
      {
        canonical: 'u1',
        merged: [
          { source: 'hr', id: 'u1' },
          { source: 'github', id: 'u1' },
        ],
        by: 'id',
      },
    ]);
  });

  it('sorts correlations by canonical id', () => {
    const result = mergeInventories([
      part('a', [person('zoe'), person('bob'), person('mia')]),
      part('b', [person('mia'), person('zoe'), person('bob')]),
    ]);

    expect(result.correlations.map((c) => c.canonical)).toEqual([
      'bob',
      'mia',
      'zoe',
    ]);
  });
});

describe('mergeInventories: explicit mappings', () => {
  interface Case {
    name: string;
    mappings: IdentityMapping[];
    identities: string[];
    /** How the surviving correlation was made. */
    by: 'mapping' | 'id';
  }

  const cases: Case[] = [
    {
      name: 'maps an id in every source when no source is named',
      mappings: [{ id: 'u1', canonical: 'alice' }],
      identities: ['alice'],
      by: 'mapping',
    },
    {
      name: 'maps an id in the named source only',
      mappings: [{ id: 'u1', canonical: 'alice', source: 'github' }],
      identities: ['u1', 'alice'],
      by: 'mapping',
    },
    {
      name: 'ignores a mapping for a source that is not given',
      mappings: [{ id: 'u1', canonical: 'alice', source: 'okta' }],
      identities: ['u1', 'alice'],
      by: 'id',
    },
  ];

  it.each(cases)('$name', ({ mappings, identities, by }) => {
    const result = mergeInventories(
      [
        part('hr', [person('u1')], [{ identity: 'u1', entitlement: 'sap:A' }]),
        part(
          'github',
          [person('u1'), person('alice')],
          [{ identity: 'u1', entitlement: 'github:acme:read' }],
        ),
      ],
      mappings,
    );

    expect(ids(result.inventory)).toEqual(identities);
    expect(result.correlations.map((c) => c.by)).toEqual([by]);
  });

  it('rewrites the assignments of the source the mapping names', () => {
    const result = mergeInventories(
      [
        part('hr', [], [{ identity: 'u1', entitlement: 'sap:A' }]),
        part('github', [], [{ identity: 'u1', entitlement: 'github:r' }]),
      ],
      [{ id: 'u1', canonical: 'alice', source: 'github' }],
    );

    expect(result.inventory.assignments).toEqual([
      { identity: 'u1', entitlement: 'sap:A' },
      { identity: 'alice', entitlement: 'github:r' },
    ]);
  });

  it('prefers a source-specific mapping to a general one', () => {
    const result = mergeInventories(
      [part('github', [person('u1')])],
      [
        { id: 'u1', canonical: 'general' },
        { id: 'u1', canonical: 'specific', source: 'github' },
      ],
    );

    expect(ids(result.inventory)).toEqual(['specific']);
  });

  it('lets a mapping win over a shared e-mail address', () => {
    const result = mergeInventories(
      [
        part('hr', [person('alice', { email: 'alice@acme.com' })]),
        part('github', [person('asmith', { email: 'alice@acme.com' })]),
      ],
      [{ id: 'asmith', canonical: 'bob' }],
    );

    expect(ids(result.inventory)).toEqual(['alice', 'bob']);
  });

  it('joins an address to the canonical id of a mapped identity', () => {
    const result = mergeInventories(
      [
        part('hr', [person('E1001', { email: 'alice@acme.com' })]),
        part('github', [person('asmith', { email: 'alice@acme.com' })]),
      ],
      [{ id: 'E1001', canonical: 'alice' }],
    );

    expect(ids(result.inventory)).toEqual(['alice']);
    expect(result.correlations).toEqual([
      {
        canonical: 'alice',
        merged: [
          { source: 'hr', id: 'E1001' },
          { source: 'github', id: 'asmith' },
        ],
        by: 'mapping',
      },
    ]);
  });
});

describe('mergeInventories: people and machines', () => {
  it.each([
    ['a person first', 'human', 'service-account'],
    ['a machine first', 'bot', 'human'],
  ] as const)(
    'keeps a person and a machine with one address apart, %s',
    (_name, firstKind, secondKind) => {
      const side = (kind: IdentityKind) =>
        kind === 'human' ? 'human' : 'machine';

      const result = mergeInventories([
        part('hr', [person('a', { email: 'ops@acme.com' }, firstKind)]),
        part('aws', [person('b', { email: 'OPS@acme.com' }, secondKind)]),
      ]);

      expect(ids(result.inventory)).toEqual(['a', 'b']);
      expect(result.correlations).toEqual([]);
      expect(result.conflicts).toEqual([
        {
          kind: 'identity-kind',
          id: 'b',
          field: 'email',
          values: [
            { source: 'hr', value: `a (${side(firstKind)})` },
            { source: 'aws', value: `b (${side(secondKind)})` },
          ],
          resolution:
            'kept apart: a person and a machine share this e-mail address',
        },
      ]);
    },
  );

  it('still joins the person when a machine of another source shares it', () => {
    const result = mergeInventories([
      part('hr', [person('alice', { email: 'alice@acme.com' })]),
      part('aws', [
        person('deployer', { email: 'alice@acme.com' }, 'service-account'),
        person('alice.smith', { email: 'alice@acme.com' }),
      ]),
    ]);

    expect(ids(result.inventory)).toEqual(['alice', 'deployer']);
    expect(result.conflicts.map((c) => [c.kind, c.id])).toEqual([
      ['identity-kind', 'deployer'],
    ]);
  });

  it('does not call a machine using its owner address in one source a clash', () => {
    const result = mergeInventories([
      part('hr', [
        person('alice', { email: 'alice@acme.com' }),
        person('ci', { email: 'alice@acme.com' }, 'bot'),
      ]),
    ]);

    expect(ids(result.inventory)).toEqual(['alice', 'ci']);
    expect(result.conflicts).toEqual([]);
  });

  it('reports two sources disagreeing on the kind of one id', () => {
    const result = mergeInventories([
      part('pairs.txt', [person('deploy')]),
      part('aws', [person('deploy', {}, 'service-account')]),
    ]);

    expect(result.inventory.identities).toEqual([person('deploy')]);
    expect(result.conflicts).toEqual([
      {
        kind: 'identity-kind',
        id: 'deploy',
        field: 'kind',
        values: [
          { source: 'pairs.txt', value: 'human' },
          { source: 'aws', value: 'service-account' },
        ],
        resolution: 'kept human',
      },
    ]);
  });
});

describe('mergeInventories: attribute conflicts', () => {
  it('keeps the first source value and reports the disagreement', () => {
    const result = mergeInventories([
      part('hr', [person('u1', { attributes: { department: 'Finance' } })]),
      part('okta', [
        person('u1', { attributes: { department: 'Sales', title: 'AP' } }),
      ]),
    ]);

    expect(result.inventory.identities[0]?.attributes).toEqual({
      department: 'Finance',
      title: 'AP',
    });
    expect(result.conflicts).toEqual([
      {
        kind: 'identity-attribute',
        id: 'u1',
        field: 'department',
        values: [
          { source: 'hr', value: 'Finance' },
          { source: 'okta', value: 'Sales' },
        ],
        resolution: 'kept "Finance"',
      },
    ]);
  });

  it('names the source a kept value came from, even a later one', () => {
    const result = mergeInventories([
      part('hr', [person('u1', { provenance: [{ source: 'csv' }] })]),
      part('okta', [person('u1', { attributes: { title: 'AP clerk' } })]),
      part('scim', [person('u1', { attributes: { title: 'Clerk' } })]),
    ]);

    expect(result.conflicts.map((c) => c.values)).toEqual([
      [
        { source: 'okta', value: 'AP clerk' },
        { source: 'scim', value: 'Clerk' },
      ],
    ]);
  });

  it('reports no conflict when the sources agree', () => {
    const result = mergeInventories([
      part('hr', [person('u1', { attributes: { department: 'Finance' } })]),
      part('okta', [person('u1', { attributes: { department: 'Finance' } })]),
    ]);

    expect(result.conflicts).toEqual([]);
  });

  interface FieldCase {
    name: string;
    first: Partial<Identity>;
    second: Partial<Identity>;
    kept: Partial<Identity>;
    conflict: string[] | undefined;
  }

  const fields: FieldCase[] = [
    {
      name: 'reports a status disagreement',
      first: { status: 'active' },
      second: { status: 'terminated' },
      kept: { status: 'active' },
      conflict: ['status', 'active', 'terminated'],
    },
    {
      name: 'ignores a status differing only in case',
      first: { status: 'Active' },
      second: { status: 'active ' },
      kept: { status: 'Active' },
      conflict: undefined,
    },
    {
      name: 'reports an owner disagreement',
      first: { owner: 'alice' },
      second: { owner: 'bob' },
      kept: { owner: 'alice' },
      conflict: ['owner', 'alice', 'bob'],
    },
    {
      name: 'keeps the first name without a conflict',
      first: { name: 'Alice Smith' },
      second: { name: 'Smith, Alice' },
      kept: { name: 'Alice Smith' },
      conflict: undefined,
    },
    {
      name: 'fills a field only a later source has',
      first: {},
      second: { status: 'disabled', owner: 'bob', email: 'b@acme.com' },
      kept: { status: 'disabled', owner: 'bob', email: 'b@acme.com' },
      conflict: undefined,
    },
  ];

  it.each(fields)('$name', ({ first, second, kept, conflict }) => {
    const result = mergeInventories([
      part('hr', [person('u1', first)]),
      part('okta', [person('u1', second)]),
    ]);

    expect(result.inventory.identities).toEqual([person('u1', kept)]);
    expect(
      result.conflicts.map((c) => [c.field, ...c.values.map((v) => v.value)]),
    ).toEqual(conflict === undefined ? [] : [conflict]);
  });
});

describe('mergeInventories: entitlements', () => {
  const entitlement = (fields: Partial<Entitlement>): Entitlement => ({
    id: 'sap:F110',
    system: 'sap',
    ...fields,
  });

  it.each([
    ['low', 'high', 'high'],
    ['critical', 'medium', 'critical'],
    ['medium', 'high', 'high'],
  ] as const)(
    'keeps the higher of %s and %s risk and reports it',
    (first, second, kept) => {
      const result = mergeInventories([
        part('sap', [], [], [entitlement({ risk: first })]),
        part('grc', [], [], [entitlement({ risk: second })]),
      ]);

      expect(result.inventory.entitlements).toEqual([
        entitlement({ risk: kept }),
      ]);
      expect(result.conflicts).toEqual([
        {
          kind: 'entitlement-risk',
          id: 'sap:F110',
          field: 'risk',
          values: [
            { source: 'sap', value: first },
            { source: 'grc', value: second },
          ],
          resolution: `kept the higher risk, ${kept}`,
        },
      ]);
    },
  );

  it.each([
    ['the same risk', 'high', 'high', 'high'],
    ['a risk only the first has', 'low', undefined, 'low'],
    ['a risk only the second has', undefined, 'medium', 'medium'],
  ] as const)('reports no conflict for %s', (_name, first, second, kept) => {
    const result = mergeInventories([
      part('sap', [], [], [entitlement({ risk: first })]),
      part('grc', [], [], [entitlement({ risk: second })]),
    ]);

    expect(result.inventory.entitlements[0]?.risk).toBe(kept);
    expect(result.conflicts).toEqual([]);
  });

  it('names the source of a risk a later source filled in', () => {
    const result = mergeInventories([
      part('sap', [], [], [entitlement({})]),
      part('grc', [], [], [entitlement({ risk: 'low' })]),
      part('audit', [], [], [entitlement({ risk: 'critical' })]),
    ]);

    expect(result.conflicts.map((c) => c.values)).toEqual([
      [
        { source: 'grc', value: 'low' },
        { source: 'audit', value: 'critical' },
      ],
    ]);
  });

  it('fills name, description and owner from later sources', () => {
    const result = mergeInventories([
      part('sap', [], [], [entitlement({ name: 'Payment run' })]),
      part(
        'grc',
        [],
        [],
        [entitlement({ name: 'F110', description: 'Pay', owner: '@ap' })],
      ),
    ]);

    expect(result.inventory.entitlements).toEqual([
      entitlement({ name: 'Payment run', description: 'Pay', owner: '@ap' }),
    ]);
  });
});

describe('mergeInventories: assignments and provenance', () => {
  it('rewrites assignments to canonical ids and keeps one per pair', () => {
    const result = mergeInventories(
      [
        part(
          'hr',
          [person('alice', { email: 'alice@acme.com' })],
          [
            {
              identity: 'alice',
              entitlement: 'sap:F110',
              provenance: { source: 'csv', file: 'hr', line: 2 },
            },
          ],
        ),
        part(
          'sap',
          [person('E17', { email: 'alice@acme.com' })],
          [
            {
              identity: 'E17',
              entitlement: 'sap:F110',
              provenance: { source: 'csv', file: 'sap', line: 9 },
            },
            { identity: 'E17', entitlement: 'sap:FB60' },
            { identity: 'svc', entitlement: 'sap:FB60' },
          ],
        ),
        part('github', [], [{ identity: 'u9', entitlement: 'github:r' }]),
      ],
      [{ id: 'u9', canonical: 'alice' }],
    );

    expect(result.inventory.assignments).toEqual([
      {
        identity: 'alice',
        entitlement: 'sap:F110',
        provenance: { source: 'csv', file: 'hr', line: 2 },
      },
      { identity: 'alice', entitlement: 'sap:FB60' },
      { identity: 'svc', entitlement: 'sap:FB60' },
      { identity: 'alice', entitlement: 'github:r' },
    ]);
  });

  it.each([
    [
      'the latest use',
      { lastUsedAt: '2026-01-05' },
      { lastUsedAt: '2026-03-01T10:00:00Z' },
      { lastUsedAt: '2026-03-01T10:00:00Z' },
    ],
    [
      'a use only the second source saw',
      {},
      { lastUsedAt: '2026-03-01' },
      { lastUsedAt: '2026-03-01' },
    ],
    [
      'the earliest grant',
      { grantedAt: '2025-06-01' },
      { grantedAt: '2024-01-01' },
      { grantedAt: '2024-01-01' },
    ],
    [
      'the first values on ties',
      { lastUsedAt: '2026-03-01T00:00:00Z' },
      { lastUsedAt: '2026-03-01' },
      { lastUsedAt: '2026-03-01T00:00:00Z' },
    ],
  ] as const)(
    'keeps %s when two sources see one grant',
    (_name, first, second, kept) => {
      const a = { identity: 'u1', entitlement: 'aws:s3', ...first };
      const b = { identity: 'u1', entitlement: 'aws:s3', ...second };

      const result = mergeInventories([
        part('pairs', [], [a]),
        part('aws', [], [b]),
      ]);

      expect(result.inventory.assignments).toEqual([
        { identity: 'u1', entitlement: 'aws:s3', ...kept },
      ]);
      expect(a).toEqual({ identity: 'u1', entitlement: 'aws:s3', ...first });
    },
  );

  it('concatenates provenance in source order', () => {
    const result = mergeInventories([
      part(
        'hr',
        [
          person('u1', {
            provenance: [{ source: 'csv', file: 'hr', line: 2 }],
          }),
        ],
        [],
        [{ id: 'sap:A', system: 'sap', provenance: [{ source: 'csv' }] }],
      ),
      part('okta', [person('u1')]),
      part(
        'scim',
        [
          person('u1', {
            provenance: [{ source: 'scim', path: '/Resources/0' }],
          }),
        ],
        [],
        [{ id: 'sap:A', system: 'sap', provenance: [{ source: 'grc' }] }],
      ),
    ]);

    expect(result.inventory.identities[0]?.provenance).toEqual([
      { source: 'csv', file: 'hr', line: 2 },
      { source: 'scim', path: '/Resources/0' },
    ]);
    expect(result.inventory.entitlements[0]?.provenance).toEqual([
      { source: 'csv' },
      { source: 'grc' },
    ]);
  });

  it('keeps every source digest in order', () => {
    const a = part('a', []);
    const b = part('b', []);
    a.inventory.sources.push({ source: 'pairs', file: 'a', sha256: '1' });
    b.inventory.sources.push({ source: 'csv', file: 'b', sha256: '2' });

    const result = mergeInventories([a, b]);

    expect(result.inventory.sources).toEqual([
      { source: 'pairs', file: 'a', sha256: '1' },
      { source: 'csv', file: 'b', sha256: '2' },
    ]);
  });

  it('leaves its inputs untouched', () => {
    const parts = [
      part(
        'hr',
        [person('u1', { attributes: { department: 'Finance' } })],
        [{ identity: 'u1', entitlement: 'sap:A' }],
        [{ id: 'sap:A', system: 'sap', risk: 'low' }],
      ),
      part(
        'okta',
        [person('u1', { attributes: { title: 'AP' }, status: 'x' })],
        [{ identity: 'u1', entitlement: 'sap:A', lastUsedAt: '2026-01-01' }],
        [{ id: 'sap:A', system: 'sap', risk: 'high', owner: '@o' }],
      ),
    ];
    const before = structuredClone(parts);

    mergeInventories(parts);

    expect(parts).toEqual(before);
  });
});

describe('mergeInventories with assumed kinds', () => {
  it('takes the kind a source states over one a pair file assumed', () => {
    const assumed = { ...person('svc-ci'), kindAssumed: true };
    const stated = { ...person('svc-ci'), kind: 'service-account' as const };

    const result = mergeInventories([
      part('pairs.txt', [assumed]),
      part('hr', [stated]),
    ]);

    expect(result.inventory.identities).toEqual([
      expect.objectContaining({ id: 'svc-ci', kind: 'service-account' }),
    ]);
    expect(result.inventory.identities[0]?.kindAssumed).toBeUndefined();
    expect(result.conflicts).toEqual([]);
  });
});

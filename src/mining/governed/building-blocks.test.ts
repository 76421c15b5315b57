import { describe, expect, it } from 'vitest';
import { HUMAN, buildAccessIndex, findPair } from './access-index.ts';
import { contentHash, groupRoleName, slugify, uniqueIds } from './naming.ts';
import { resolveGovernedOptions } from './options.ts';
import { simplifiedSilhouette } from './peers.ts';
import { ELIGIBLE, UNUSED, VOLATILE, screenAssignments } from './screening.ts';
import { SodTracker, compileSod, findToxicRisk } from './sod.ts';
import { inventoryOf } from './test-inventory.ts';

describe('naming', () => {
  it.each([
    ['Accounts Payable Clerk', 'accounts-payable-clerk'],
    ['  R&D / Zürich ', 'r-d-zurich'],
    ['CC-1000', 'cc-1000'],
  ])('slugifies %j as %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it.each([
    [['department', 'title'], ['Finance', 'AP Clerk'], 'finance-ap-clerk'],
    [['location'], ['Berlin'], 'location-berlin'],
    [['cost_center'], ['CC-1'], 'cost-center-cc-1'],
  ])('names the group %j = %j as %j', (attributes, values, name) => {
    expect(groupRoleName(attributes, values, 'department')).toBe(name);
  });

  it('numbers later holders of a taken id in order', () => {
    expect(uniqueIds(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a-2', 'a-3']);
  });

  it('hashes content to 8 stable hex digits', () => {
    expect(contentHash('')).toBe('811c9dc5');
    expect(contentHash('human\na:1')).toMatch(/^[0-9a-f]{8}$/);
    expect(contentHash('human\na:1')).not.toBe(contentHash('human\na:2'));
  });
});

describe('buildAccessIndex', () => {
  it('sorts ids, merges duplicate pairs and sides identities by kind', () => {
    const inventory = inventoryOf([
      { id: 'u2', holds: ['b', 'a', 'a'] },
      { id: 'svc', kind: 'bot', holds: ['a'] },
      { id: 'u1', kind: 'bot', kindAssumed: true, holds: ['c'] },
    ]);

    const index = buildAccessIndex(inventory);

    expect(index.identities).toEqual(['svc', 'u1', 'u2']);
    expect(index.entitlements).toEqual(['a', 'b', 'c']);
    expect(Array.from(index.audience)).toEqual([1, 0, 0]);
    expect(Array.from(index.assumed)).toEqual([0, 1, 0]);
    expect(index.pairEntitlement).toHaveLength(4);
    expect(Array.from(index.assignmentPair)).toEqual([3, 2, 2, 0, 1]);
    expect(findPair(index, 2, 1)).toBe(3);
    expect(findPair(index, 0, 1)).toBe(-1);
  });
});

describe('screenAssignments', () => {
  it('marks unused and volatile pairs against the data date', () => {
    const inventory = inventoryOf([
      {
        id: 'oncall-7',
        holds: ['old', 'new', 'fine'],
        overrides: {
          old: { lastUsedAt: '2025-01-01T00:00:00Z' },
          new: { grantedAt: '2026-05-20T00:00:00Z' },
        },
      },
    ]);
    const index = buildAccessIndex(inventory);
    const config = resolveGovernedOptions({});

    const screening = screenAssignments(inventory.assignments, index, config);

    // Entitlements sort as fine, new, old.
    expect(Array.from(screening.status)).toEqual([ELIGIBLE, VOLATILE, UNUSED]);
    expect(new Date(screening.dataDate).toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    );
  });
});

describe('SoD model', () => {
  const ids = ['ap:post', 'ap:vendor', 'gl:close', 'hr:pay'];
  const model = compileSod(
    [
      { id: 'R1', functions: [['ap:p*'], ['ap:vendor', 'gl:close']] },
      { id: 'R2', functions: [] },
    ],
    ids,
  );

  it('finds the risk a set completes, ignoring empty risks', () => {
    expect(findToxicRisk(model, [0, 3], HUMAN)).toBe(-1);
    expect(findToxicRisk(model, [0, 2], HUMAN)).toBe(0);
    expect(model.risks.map((r) => r.id)).toEqual(['R1']);
  });

  it('tracks which offered entitlement would complete a risk', () => {
    const tracker = new SodTracker(model, HUMAN);
    tracker.add(1);

    expect(tracker.completes(3)).toBe(-1);
    expect(tracker.completes(0)).toBe(0);
  });
});

describe('simplifiedSilhouette', () => {
  it('scores perfectly separated clusters 1 and mixed ones lower', () => {
    const data = [
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ];
    const centroids = [
      [0, 0],
      [1, 1],
    ];

    expect(simplifiedSilhouette(data, [0, 0, 1, 1], centroids)).toBe(1);
    expect(simplifiedSilhouette(data, [0, 1, 0, 1], centroids)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { mineGoverned } from './mine-governed.ts';
import { contentHash } from './naming.ts';
import { inventoryOf, shuffled, team } from './test-inventory.ts';

const clerk = { department: 'Finance', title: 'Clerk' };

describe('mineGoverned: determinism', () => {
  it('returns nothing for an empty inventory', () => {
    const result = mineGoverned(inventoryOf([]), { verify: true });

    expect([result.roles, result.exceptions, result.outliers]).toEqual([
      [],
      [],
      [],
    ]);
    expect(result.metrics.coverage).toBe(1);
    expect(result.dataDate).toBe('unknown');
  });

  it('names a group whose values slug to nothing by content', () => {
    const people = team('p', 4, ['a:1'], { department: '财务' });
    people.push(...team('q', 4, ['b:1'], { department: '销售' }));

    const result = mineGoverned(inventoryOf(people));

    expect(result.roles.map((r) => r.id)).toEqual(
      [
        `role-${contentHash('human\na:1')}`,
        `role-${contentHash('human\nb:1')}`,
      ].sort(),
    );
  });

  it('gives identical output for the same data in another order', () => {
    const people = [
      ...team('p', 6, ['a:1', 'a:2', 'b:1'], clerk),
      ...team('q', 5, ['a:1', 'c:1', 'c:2'], { department: 'Sales' }),
      ...team('m', 4, ['k:1', 'k:2'], {}, 'bot'),
      { id: 'z', holds: ['a:1', 'z:1'] },
    ];
    const inventory = inventoryOf(people);

    const first = JSON.stringify(mineGoverned(inventory));

    expect(JSON.stringify(mineGoverned(inventory))).toBe(first);
    expect(JSON.stringify(mineGoverned(shuffled(inventory)))).toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import { computeCatalogueDiff } from '../checks/catalogue-diff.ts';
import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import { buildCatalogue, buildRole } from '../checks/fixtures.ts';
import { MARKDOWN_DIFF_NAMES, renderDiffMarkdown } from './diff-markdown.ts';
import { MARKDOWN_ROW_LIMIT } from './markdown-syntax.ts';

const labels = {
  beforeLabel: 'origin/main',
  afterLabel: 'working tree',
  today: '2026-01-01',
};

function sample(): CatalogueDiff {
  return computeCatalogueDiff(
    buildCatalogue({
      roles: [buildRole({ id: 'clerk', entitlements: ['sap:FB60'] })],
      leastPrivilege: { critical: ['sap:F110'] },
    }),
    buildCatalogue({
      roles: [
        buildRole({
          id: 'clerk',
          entitlements: ['sap:FB60', 'sap:F110'],
          members: ['u1'],
        }),
      ],
    }),
    labels,
  );
}

describe('renderDiffMarkdown', () => {
  it('renders the summary, metrics and access tables', () => {
    const markdown = renderDiffMarkdown(sample());

    expect(markdown).toContain(
      '## Catalogue diff: origin/main → working tree\n\n' +
        'Roles: 1 changed (`clerk`). Access: +2 grants to 1 identity, ' +
        '2 entitlements affected; ' +
        '1 new critical, 0 new SoD-relevant.\n',
    );
    expect(markdown).toContain('| WSC | 2 | 4 | +2 |\n');
    expect(markdown).toContain(
      '### New critical access (1)\n\n' +
        '| identity | entitlement |\n| --- | --- |\n| `u1` | `sap:F110` |\n',
    );
    expect(markdown).toContain('| `sap:F110` | 1 | 0 | `u1` | — |\n');
    expect(markdown).not.toContain('New SoD-relevant access (');
  });

  it('keeps catalogue values from breaking the table', () => {
    const diff: CatalogueDiff = {
      ...sample(),
      entitlements: [
        {
          entitlement: 'x:a|b',
          gained: [{ identity: 'u`1', via: ['r'] }],
          lost: [],
        },
      ],
    };

    const markdown = renderDiffMarkdown(diff);

    expect(markdown).toContain('| `x:a\\|b` | 1 | 0 | ``u`1`` | — |\n');
  });

  it('cuts long cells and tables and says how much is left out', () => {
    const many = Array.from({ length: MARKDOWN_DIFF_NAMES + 5 }, (_, i) => ({
      identity: `u${String(i).padStart(2, '0')}`,
      via: ['r'],
    }));
    const diff: CatalogueDiff = {
      ...sample(),
      entitlements: Array.from({ length: MARKDOWN_ROW_LIMIT + 1 }, (_, i) => ({
        entitlement: `x:${String(i).padStart(3, '0')}`,
        gained: many,
        lost: [],
      })),
    };

    const markdown = renderDiffMarkdown(diff);

    expect(markdown).toContain('`u19` and 5 more |');
    expect(markdown).toContain(
      `### Access by entitlement (${MARKDOWN_ROW_LIMIT + 1})`,
    );
    expect(markdown).toContain(
      '… and 1 more not shown; `--format json` has all.',
    );
  });

  it('quotes the membership caveat without an inventory', () => {
    expect(renderDiffMarkdown(sample())).toContain(
      '> Without --inventory only explicit members count (no role has criteria).\n',
    );
  });
});

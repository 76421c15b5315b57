import { describe, expect, it } from 'vitest';
import { computeCatalogueDiff } from '../checks/catalogue-diff.ts';
import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import {
  buildCatalogue,
  buildException,
  buildRole,
} from '../checks/fixtures.ts';
import { renderDiffText, TEXT_DIFF_ENTITLEMENTS } from './diff-text.ts';

const policies = { leastPrivilege: { critical: ['sap:F110'] } };

/** A change with a gain, a loss, a new critical grant and a new role. */
function sample(): CatalogueDiff {
  return computeCatalogueDiff(
    buildCatalogue({
      roles: [
        buildRole({ id: 'clerk', entitlements: ['sap:FB60'], members: ['u1'] }),
      ],
      exceptions: [buildException({ identity: 'u2', entitlement: 'sap:FB03' })],
      ...policies,
    }),
    buildCatalogue({
      roles: [
        buildRole({ id: 'clerk', entitlements: ['sap:FB60'], members: ['u2'] }),
        buildRole({ id: 'payer', entitlements: ['sap:F110'], members: ['u2'] }),
      ],
    }),
    {
      beforeLabel: 'origin/main',
      afterLabel: 'working tree',
      today: '2026-01-01',
    },
  );
}

describe('renderDiffText', () => {
  it('shows counts first, then access by entitlement and metrics', () => {
    expect(renderDiffText(sample(), { color: false })).toBe(
      [
        'Catalogue diff: origin/main → working tree',
        'Without --inventory only explicit members count (no role has criteria).',
        'Roles: 1 added (payer); 1 changed (clerk)',
        'Access: +2 grants to 1 identity, -2 grants from 2 identities, 3 entitlements affected',
        '',
        'Access by entitlement (3):',
        '  sap:F110  +1',
        '    gaining (1): u2',
        '  sap:FB03  -1',
        '    losing (1): u2',
        '  sap:FB60  +1 -1',
        '    gaining (1): u2',
        '    losing (1): u1',
        '',
        'New critical access (1):',
        '  ! u2  sap:F110',
        '',
        'Metrics                        before  after  change',
        '  roles                             1      2  +1',
        '  exceptions                        1      0  -1',
        '  |UA| (role memberships)           1      2  +1',
        '  |PA| (role grants)                1      2  +1',
        '  WSC                               4      6  +2',
        '  roles per identity, mean       1.00   2.00  +1.00',
        '  roles per identity, max           1      2  +1',
        '  entitlements per role, mean    1.00   1.00  0',
        '  entitlements per role, max        1      1  0',
        '  identities covered                1      1  0',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing changes', () => {
    const same = buildCatalogue({
      roles: [buildRole({ id: 'a', entitlements: ['x:1'], members: ['u1'] })],
    });
    const diff = computeCatalogueDiff(same, same, {
      beforeLabel: 'HEAD',
      afterLabel: 'working tree',
      today: '2026-01-01',
    });

    const text = renderDiffText(diff, { color: false });

    expect(text).toContain('Roles: no role added, removed or changed\n');
    expect(text).toContain('Access: no access changes\n');
    expect(text).not.toContain('Access by entitlement');
  });

  it('cuts long identity and entitlement lists with "and N more"', () => {
    const many = Array.from({ length: 13 }, (_, i) => `u${i + 10}`);
    const base = computeCatalogueDiff(buildCatalogue(), buildCatalogue(), {
      beforeLabel: 'HEAD',
      afterLabel: 'working tree',
      today: '2026-01-01',
    });
    const entitlements = Array.from(
      { length: TEXT_DIFF_ENTITLEMENTS + 2 },
      (_, i) => ({
        entitlement: `x:${String(i).padStart(3, '0')}`,
        gained: many.map((identity) => ({ identity, via: ['r'] })),
        lost: [],
      }),
    );

    const text = renderDiffText({ ...base, entitlements }, { color: false });

    expect(text).toContain(
      '    gaining (13): u10, u11, u12, u13, u14, u15, u16, u17, u18, u19 and 3 more\n',
    );
    expect(text).toContain('  x:049  +13\n');
    expect(text).not.toContain('x:050');
    expect(text).toContain(
      '  … and 2 more entitlements (--format json lists all)\n',
    );
  });

  it('names criteria it could not resolve without an inventory', () => {
    const text = renderDiffText(
      {
        ...sample(),
        unresolvedCriteria: { roles: ['fin', 'ops'], changed: ['fin'] },
      },
      { color: false },
    );

    expect(text).toContain(
      'Without --inventory only explicit members count: the attribute ' +
        'criteria of 2 roles were not resolved; access changes from the ' +
        'changed criteria of fin are not shown.\n',
    );
  });

  it('shows control characters in catalogue values as escapes', () => {
    const diff = sample();
    const text = renderDiffText(
      {
        ...diff,
        entitlements: [
          { entitlement: 'x:\u001b[2J', gained: [], lost: [] },
          ...diff.entitlements,
        ],
      },
      { color: true },
    );

    expect(text).toContain('x:\\u001b[2J');
    expect(text).not.toContain('\u001b[2J');
    // Colour is on: the counts of a changed entitlement are painted.
    expect(text).toContain('\u001b[32m+1\u001b[39m');
  });
});

import { describe, expect, it } from 'vitest';
import type { Explanation } from '../evidence/explain.ts';
import { renderExplainMarkdown } from './explain-markdown.ts';
import { renderExplainText, TEXT_EXPLAIN_DIFFERENCES } from './explain-text.ts';

function explanation(overrides: Partial<Explanation>): Explanation {
  return {
    role: 'ap-clerk',
    reproduced: true,
    compared: 12,
    data: {
      date: '2026-06-04',
      sources: [{ source: 'hr', file: 'hr/a.csv', sha256: 'a'.repeat(64) }],
    },
    statistics: {
      members: {
        count: 0,
        audience: 'human',
        audience_size: 0,
        purity: [],
        coverage: 0,
      },
      entitlements: [],
      by_system: {},
      direct_assignments: 0,
    },
    differences: [],
    notes: [],
    summary: [{ text: '4 people.', facts: ['/statistics/members/count'] }],
    ...overrides,
  };
}

const render = (x: Explanation) =>
  renderExplainText([{ file: 'roles/ap-clerk.yaml', explanation: x }], {
    color: false,
  });

describe('renderExplainText', () => {
  it('says what was reproduced from which data', () => {
    expect(render(explanation({}))).toBe(
      [
        'ap-clerk (roles/ap-clerk.yaml)',
        '  4 people.',
        '',
        '  Reproduced: all 12 statistics match the evidence (data of 2026-06-04, source hr/a.csv).',
        '',
      ].join('\n'),
    );
  });

  it('tabulates differences with notes, digests shortened, rows capped', () => {
    const differences = [
      {
        path: '/data/sources/0/sha256',
        recorded: 'a'.repeat(64),
        now: 'b'.repeat(64),
        note: 'hr/a.csv changed since mining',
      },
      {
        path: '/statistics/entitlements/-',
        recorded: null,
        now: { id: 'sap:F110', holders: 1 },
      },
      ...Array.from({ length: TEXT_EXPLAIN_DIFFERENCES }, (_, k) => ({
        path: `/x/${k}`,
        recorded: k,
        now: k + 1,
      })),
    ];

    const text = render(explanation({ reproduced: false, differences }));

    expect(text).toContain(
      `Not reproduced: ${differences.length} differences from the ` +
        'evidence; read now: data of 2026-06-04, source hr/a.csv.',
    );
    expect(text).toContain(
      '/data/sources/0/sha256      aaaaaaaaaaaa…  bbbbbbbbbbbb…  (hr/a.csv changed since mining)',
    );
    expect(text).toMatch(/\/statistics\/entitlements\/- +— +sap:F110\n/);
    expect(text).toContain('… and 2 more (--format json lists all)');
  });

  it('leads with the note when there is no evidence', () => {
    const text = render(
      explanation({
        reproduced: null,
        compared: 0,
        notes: ['The role records no evidence.', 'Another note.'],
      }),
    );

    expect(text).toContain(
      '\n  The role records no evidence.\n  Notes:\n    - Another note.\n',
    );
    expect(text).not.toContain('Reproduced');
  });
});

describe('renderExplainMarkdown', () => {
  const md = (...xs: Explanation[]) =>
    renderExplainMarkdown(
      xs.map((x) => ({ file: `roles/${x.role}.yaml`, explanation: x })),
    );

  it('says what was reproduced, in a form a pull request renders', () => {
    expect(md(explanation({}))).toBe(
      [
        '## rolesmith explain',
        '',
        '1 role checked; no evidence differs from the inventory.',
        '',
        '### ap-clerk (`roles/ap-clerk.yaml`)',
        '',
        '4 people.',
        '',
        '**Reproduced:** all 12 statistics match the evidence (data of ' +
          '2026-06-04, source `hr/a.csv`).',
        '',
      ].join('\n'),
    );
  });

  it('tabulates the differences, escaping what the catalogue wrote', () => {
    const text = md(
      explanation({
        role: 'a|b',
        reproduced: false,
        differences: [
          {
            path: '/statistics/members/count',
            recorded: 4,
            now: 5,
            note: '<b>one more</b>',
          },
        ],
      }),
    );
    expect(text).toContain('1 role checked; 1 role not reproduced.');
    expect(text).toContain('### a\\|b');
    expect(text).toContain('| path | recorded | now | note |');
    expect(text).toContain(
      '| `/statistics/members/count` | 4 | 5 | \\<b\\>one more\\</b\\> |',
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import type { Severity } from '../model/index.ts';
import { renderMarkdown } from './markdown.ts';
import { codeCell, escapeCell, escapeHtml } from './markdown-syntax.ts';

describe('renderMarkdown', () => {
  it('matches the golden file', async () => {
    await expect(renderMarkdown(CHECK_REPORT)).toMatchFileSnapshot(
      '../../test/golden/report/check.md',
    );
  });

  it('says passed, without findings or impact sections, when clean', () => {
    const report = makeReport({ files: ['roles/a.yaml'] });

    expect(renderMarkdown(report)).toBe(
      [
        '## ✅ rolesmith check passed',
        '',
        '| severity | findings |',
        '| --- | --- |',
        '| error | 0 |',
        '| warning | 0 |',
        '| note | 0 |',
        '',
        '1 file checked; the run fails on findings of severity `error` or above.',
        '',
        '<sub>rolesmith 0.1.0</sub>',
        '',
      ].join('\n'),
    );
  });

  it('says that findings do not fail the run with --fail-on never', () => {
    const report = makeReport({ failOn: 'never', findings: [makeFinding()] });

    const output = renderMarkdown(report);

    expect(output).toContain('## ✅ rolesmith check passed\n');
    expect(output).toContain('0 files checked; findings do not fail the run.');
  });

  it('lists errors first and caps the table at 200 rows', () => {
    const severities: Severity[] = ['note', 'warning', 'error'];
    const findings = Array.from({ length: 203 }, (_, i) =>
      makeFinding({ severity: severities[i % 3], message: `m${i}` }),
    );

    const output = renderMarkdown(makeReport({ findings }));
    const rows = output.match(/^\| (error|warning|note) \| `/gm) ?? [];

    expect(rows).toHaveLength(200);
    expect(rows[0]).toBe('| error | `');
    expect(rows.at(-1)).toBe('| note | `');
    expect(output).toContain(
      '\n… and 3 more findings not shown; the JSON and SARIF reports have them all.\n',
    );
  });

  it('escapes pipes, line breaks and HTML in finding cells', () => {
    const report = makeReport({
      findings: [
        makeFinding({
          file: 'roles/a|b.yaml',
          message: 'a | b\n</details>',
          hint: 'use `x`',
        }),
      ],
    });

    expect(renderMarkdown(report)).toContain(
      '| error | `sod.role-conflict` | `roles/a\\|b.yaml` | a \\| ' +
        'b<br>\\</details\\><br>Hint: use \\`x\\` |\n',
    );
  });

  it('collapses the impact and escapes the base ref', () => {
    const report = makeReport({
      impact: {
        base: 'feature/<x>',
        gains: [],
        losses: [],
        newCritical: [],
        newSodRelevant: [],
        policyChanges: [],
      },
    });

    expect(renderMarkdown(report)).toContain(
      [
        '<details>',
        '<summary>Access impact against <code>feature/&lt;x&gt;</code>: 0 ' +
          'gained, 0 lost, 0 new critical, 0 policy changes</summary>',
        '',
        'No access changes.',
        '',
        '</details>',
      ].join('\n'),
    );
  });
});

describe('escapeCell', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a|b', 'a\\|b'],
    ['one\ntwo\r\nthree\rfour', 'one<br>two<br>three<br>four'],
    ['<img src=x>', '\\<img src=x\\>'],
    [
      '*bold* _em_ ~del~ [link](x)',
      '\\*bold\\* \\_em\\_ \\~del\\~ \\[link\\](x)',
    ],
    ['back\\slash & amp', 'back\\\\slash \\& amp'],
    ['`code`', '\\`code\\`'],
  ])('escapes %j', (input, expected) => {
    expect(escapeCell(input)).toBe(expected);
  });
});

describe('codeCell', () => {
  it.each([
    ['sap:F110', '`sap:F110`'],
    ['a|b', '`a\\|b`'],
    ['a`b', '``a`b``'],
    ['`edge', '`` `edge ``'],
    ['two\nlines', '`two lines`'],
    ['', ''],
  ])('wraps %j', (input, expected) => {
    expect(codeCell(input)).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it('escapes the characters that open tags and entities', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;',
    );
  });
});

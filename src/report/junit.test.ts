import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import { renderJunit } from './junit.ts';

describe('renderJunit', () => {
  it('writes a case per file, failing those with findings at fail-on', () => {
    const report = makeReport({
      files: ['roles/a.yaml', 'roles/b.yaml'],
      findings: [
        makeFinding({ severity: 'note', message: 'Catalogue note.' }),
        makeFinding({ file: 'roles/a.yaml', line: 2, column: 3 }),
        makeFinding({
          file: 'roles/a.yaml',
          line: 8,
          code: 'lp.max-entitlements',
          message: 'Too many <entitlements> & more.',
          hint: 'Split the role.',
        }),
        makeFinding({ file: 'roles/a.yaml', severity: 'warning' }),
      ],
    });

    expect(renderJunit(report)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="rolesmith" tests="3" failures="1" errors="0">',
        '  <testsuite name="rolesmith check" tests="3" failures="1" errors="0" skipped="0">',
        '    <testcase name="catalogue" classname="catalogue">',
        '      <system-out>catalogue: note sod.role-conflict: Catalogue note.</system-out>',
        '    </testcase>',
        '    <testcase name="roles/a.yaml" classname="roles/a.yaml">',
        '      <failure message="Role ap-clerk grants both sides of ' +
          'P2P-001. (and 1 more)" ' +
          'type="sod.role-conflict">roles/a.yaml:2:3: error ' +
          'sod.role-conflict: Role ap-clerk grants both sides of P2P-001.',
        'roles/a.yaml:8: error lp.max-entitlements: Too many &lt;entitlements&gt; &amp; more.',
        '  hint: Split the role.</failure>',
        '      <system-out>roles/a.yaml: warning sod.role-conflict: Role ' +
          'ap-clerk grants both sides of P2P-001.</system-out>',
        '    </testcase>',
        '    <testcase name="roles/b.yaml" classname="roles/b.yaml"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('adds a case for a file that has findings but was not checked', () => {
    const report = makeReport({
      files: ['roles/a.yaml'],
      findings: [makeFinding({ file: 'policies/sod.yaml' })],
    });

    const names = [
      ...renderJunit(report).matchAll(/<testcase name="([^"]*)"/g),
    ];

    expect(names.map((match) => match[1])).toEqual([
      'catalogue',
      'roles/a.yaml',
      'policies/sod.yaml',
    ]);
  });

  it('fails no case with --fail-on never', () => {
    const output = renderJunit({ ...CHECK_REPORT, failOn: 'never' });

    expect(output).toContain('tests="6" failures="0"');
    expect(output).not.toContain('<failure');
    expect(output.match(/<system-out>/g)).toHaveLength(5);
  });

  it('escapes names and strips characters XML cannot hold', () => {
    const report = makeReport({
      files: ['roles/"q" & <t>.yaml'],
      findings: [
        makeFinding({
          file: 'roles/"q" & <t>.yaml',
          message: 'Title "x\u0000y"\nnext',
        }),
      ],
    });

    const output = renderJunit(report);

    expect(output).toContain(
      '<testcase name="roles/&quot;q&quot; &amp; &lt;t&gt;.yaml"',
    );
    expect(output).toContain('message="Title &quot;xy&quot;&#10;next"');
    expect(output).not.toContain('\u0000');
  });
});

import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import type { Finding } from '../model/index.ts';
import {
  escapeData,
  escapeProperty,
  renderGithubAnnotations,
} from './github.ts';

describe('renderGithubAnnotations', () => {
  it.each<[string, Partial<Finding>, string]>([
    [
      'a full location',
      { file: 'roles/a.yaml', line: 3, column: 5 },
      '::error ' +
        'file=roles/a.yaml,line=3,col=5,title=sod.role-conflict::Role ' +
        'ap-clerk grants both sides of P2P-001.',
    ],
    [
      'a file only',
      { file: 'roles\\a.yaml', severity: 'warning', column: 5 },
      '::warning file=roles/a.yaml,title=sod.role-conflict::Role ap-clerk ' +
        'grants both sides of P2P-001.',
    ],
    [
      'no file',
      { severity: 'note', line: 3, message: 'Policy tests: 4 passed.' },
      '::notice title=sod.role-conflict::Policy tests: 4 passed.',
    ],
    [
      'a hint and awkward text',
      {
        file: 'roles/a,b:c.yaml',
        code: 'x:y,z',
        message: '100% sure\r\nreally',
        hint: 'Fix it.',
      },
      '::error file=roles/a%2Cb%3Ac.yaml,title=x%3Ay%2Cz::100%25 sure%0D%0Areally%0AHint: Fix it.',
    ],
  ])('writes a command for %s', (_name, overrides, expected) => {
    const report = makeReport({ findings: [makeFinding(overrides)] });

    expect(renderGithubAnnotations(report)).toBe(`${expected}\n`);
  });

  it('writes one line per finding and nothing else', () => {
    const lines = renderGithubAnnotations(CHECK_REPORT).split('\n');

    expect(lines).toHaveLength(CHECK_REPORT.findings.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((line) => /^::\w+ /.test(line))).toBe(true);
  });

  it('writes nothing without findings', () => {
    expect(renderGithubAnnotations(makeReport())).toBe('');
  });
});

describe('escapeData', () => {
  it.each([
    ['plain', 'plain'],
    ['50%', '50%25'],
    ['%0A', '%250A'],
    ['a\nb\r\nc', 'a%0Ab%0D%0Ac'],
    ['a: b, c', 'a: b, c'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeData(input)).toBe(expected);
  });
});

describe('escapeProperty', () => {
  it.each([
    ['a: b, c', 'a%3A b%2C c'],
    ['50%\n', '50%25%0A'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeProperty(input)).toBe(expected);
  });
});

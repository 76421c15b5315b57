import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../src/inventory/quality.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

// Three people: two hold the same pair of entitlements, one holds one.
const access = `# access export
u1 sap:FB60
u1 sap:F110
u2 sap:FB60
u2 sap:F110
u3 sap:FB60
`;

const workspace = useTempFiles('rolesmith-inventory-');

describe('rolesmith inventory', () => {
  it('exits 0 with a report of the data quality', async () => {
    const cwd = await workspace({ 'access.txt': access });

    const result = await runRolesmith(['inventory', 'access.txt'], cwd);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`reading ${join(cwd, 'access.txt')} (pairs)\n`);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Inventory
        3 identities, 2 entitlements, 5 assignments
        identities by kind: human 3
        entitlements by system: sap 2
        assignments by system: sap 5
        source pairs access.txt sha256:dcd8e9463a36

      What to fix before mining
      warning 3 people without "department": attribute-aware mining cannot place them [identity.missing-attribute]
              e.g. u1, u2, u3
              fix: add a "department" column or the SCIM enterprise extension to the people source
      warning 3 people without "title": attribute-aware mining cannot place them [identity.missing-attribute]
              e.g. u1, u2, u3
              fix: add a "title" column or the SCIM enterprise extension to the people source
      note    2 entitlements without a description [entitlement.missing-description]
              e.g. sap:F110, sap:FB60
              fix: fill the description column of entitlements.csv (or the source's metadata)
      note    2 entitlements without an owner [entitlement.missing-owner]
              e.g. sap:F110, sap:FB60
              fix: fill the owner column of entitlements.csv (or the source's metadata)
      warning 2 entitlements without a risk rating [entitlement.missing-risk]
              e.g. sap:F110, sap:FB60
              fix: fill the risk column of entitlements.csv (or the source's metadata)
      "
    `);
  });

  it('exits 2 at a malformed pair line, naming file and line', async () => {
    const cwd = await workspace({
      'access.txt': 'u1 sap:FB60\nu2 sap:FB60 extra\nu3\n',
    });

    const result = await runRolesmith(['inventory', '-q', 'access.txt'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'rolesmith: access.txt:2: expected 2 fields, found 3\n' +
        '  expected: one "identity entitlement" pair per line, e.g. "u17 sap:FB60"\n',
    );
  });

  it('counts skipped records under --on-bad-record skip', async () => {
    const cwd = await workspace({
      'access.txt': 'u1 sap:FB60\nu2 sap:FB60 extra\nu3\n',
    });

    const result = await runRolesmith(
      ['inventory', 'access.txt', '--on-bad-record', 'skip', '-f', 'json'],
      cwd,
    );

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as QualityReport;
    expect(report.totals.assignments).toBe(1);
    expect(report.issues.find((i) => i.code === 'records.skipped')).toEqual({
      code: 'records.skipped',
      severity: 'error',
      count: 2,
      message: 'records could not be read and were skipped',
      fix: 'fix the rows named in the examples, or re-run with --on-bad-record stop to see the first one',
      examples: [
        'access.txt:2: expected 2 fields, found 3',
        'access.txt:3: expected 2 fields, found 1',
      ],
    });
  });

  it('prints a report that parses as JSON under --format json', async () => {
    const cwd = await workspace({ 'data/access.txt': access });

    const result = await runRolesmith(
      ['inventory', 'pairs:data/access.txt', '--format', 'json'],
      cwd,
    );

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as QualityReport;
    expect(report.totals).toEqual({
      identities: 3,
      entitlements: 2,
      assignments: 5,
    });
    expect(report.identitiesByKind).toEqual({ human: 3 });
    expect(report.sources).toEqual([
      {
        source: 'pairs',
        file: 'pairs:data/access.txt',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      },
    ]);
    expect(report.issues.map((i) => i.code)).toEqual([
      'identity.missing-attribute',
      'identity.missing-attribute',
      'entitlement.missing-description',
      'entitlement.missing-owner',
      'entitlement.missing-risk',
    ]);
  });

  it('prints Markdown under --format markdown', async () => {
    const cwd = await workspace({ 'access.txt': access });

    const result = await runRolesmith(
      ['inventory', 'access.txt', '--format', 'markdown'],
      cwd,
    );

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 12)).toEqual([
      '## Inventory data quality',
      '',
      '3 identities, 2 entitlements, 5 assignments.',
      '',
      '| identities by kind | count |',
      '| --- | ---: |',
      '| human | 3 |',
      '',
      '| system | entitlements | assignments |',
      '| --- | ---: | ---: |',
      '| sap | 2 | 5 |',
      '',
    ]);
  });

  it('writes the report to the -o file and nothing to stdout', async () => {
    const cwd = await workspace({ 'access.txt': access });
    const printed = await runRolesmith(['inventory', 'access.txt'], cwd);

    const result = await runRolesmith(
      ['inventory', 'access.txt', '-o', 'out/quality.txt'],
      cwd,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(await readFile(join(cwd, 'out/quality.txt'), 'utf8')).toBe(
      printed.stdout,
    );
    expect(await readdir(join(cwd, 'out'))).toEqual(['quality.txt']);
  });

  it('leaves an existing -o file alone when reading fails', async () => {
    const cwd = await workspace({
      'access.txt': 'u1\n',
      'quality.md': 'previous report\n',
    });

    const result = await runRolesmith(
      ['inventory', 'access.txt', '-o', 'quality.md'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(await readFile(join(cwd, 'quality.md'), 'utf8')).toBe(
      'previous report\n',
    );
  });

  it.each([
    {
      code: 1,
      name: 'error-level issues',
      content: 'u1 sap:FB60\nbroken\n',
      extra: ['--on-bad-record', 'skip'],
    },
    { code: 0, name: 'only warnings and notes', content: access, extra: [] },
  ])(
    'exits $code under --strict with $name',
    async ({ content, extra, code }) => {
      const cwd = await workspace({ 'access.txt': content });

      const result = await runRolesmith(
        ['inventory', 'access.txt', '--strict', '-q', ...extra],
        cwd,
      );

      expect(result.code).toBe(code);
      expect(result.stderr).toBe('');
    },
  );

  it('exits 0 without --strict even with error-level issues', async () => {
    const cwd = await workspace({ 'access.txt': 'u1 sap:FB60\nbroken\n' });

    const result = await runRolesmith(
      ['inventory', 'access.txt', '--on-bad-record', 'skip', '-q'],
      cwd,
    );

    expect(result.code).toBe(0);
  });

  it('correlates two sources with an identity map', async () => {
    const cwd = await workspace({
      'sap.txt': 'E1001 sap:FB60\n',
      'github.txt':
        'asmith github:acme/app:write\nE1001 github:acme/app:read\n',
      'ids.csv': 'source,id,canonical\ngithub.txt,asmith,E1001\n',
    });

    const result = await runRolesmith(
      [
        'inventory',
        'sap.txt',
        'github.txt',
        '--identity-map',
        'ids.csv',
        '-f',
        'json',
        '-q',
      ],
      cwd,
    );

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as QualityReport;
    expect(report.totals).toEqual({
      identities: 1,
      entitlements: 3,
      assignments: 3,
    });
    expect(report.sources.map((s) => s.file)).toEqual([
      'sap.txt',
      'github.txt',
    ]);
  });

  it('warns about an identity map row for a source that is not given', async () => {
    const cwd = await workspace({
      'sap.txt': 'E1001 sap:FB60\n',
      'ids.csv': 'source,id,canonical\n./sap.txt,E1001,alice\n',
    });

    const result = await runRolesmith(
      ['inventory', 'sap.txt', '--identity-map', 'ids.csv', '-q'],
      cwd,
    );

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: the identity map names a source that was not given (source=./sap.txt, given=sap.txt)\n',
    );
  });

  it('exits 2 at a bad identity map row, naming the line', async () => {
    const cwd = await workspace({
      'sap.txt': 'E1001 sap:FB60\n',
      'ids.csv': 'id,canonical\nE1001,alice\nE1002\n',
    });

    const result = await runRolesmith(
      ['inventory', 'sap.txt', '--identity-map', 'ids.csv'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `rolesmith: ${join(cwd, 'ids.csv')}:3: expected 2 fields with an id and a canonical id\n` +
        '  expected: id,canonical\n',
    );
  });

  it.each([
    [
      'no source',
      ['inventory'],
      'rolesmith: name at least one inventory source\n' +
        '  expected: rolesmith inventory ./hr-export aws:authz.json k8s:./manifests\n',
    ],
    [
      'a stale-days that is not a number',
      ['inventory', 'access.txt', '--stale-days', 'abc'],
      'rolesmith: --stale-days "abc" is not a whole number of days\n' +
        '  expected: e.g. --stale-days 90\n',
    ],
    [
      'a stale-days of zero',
      ['inventory', 'access.txt', '--stale-days', '0'],
      'rolesmith: --stale-days "0" is not a whole number of days\n' +
        '  expected: e.g. --stale-days 90\n',
    ],
    [
      'an unknown format',
      ['inventory', 'access.txt', '--format', 'sarif'],
      'rolesmith: unknown format "sarif"\n  expected: text, json, markdown\n',
    ],
    [
      'an unknown bad-record policy',
      ['inventory', 'access.txt', '--on-bad-record', 'ignore'],
      'rolesmith: unknown --on-bad-record "ignore"\n  expected: stop or skip\n',
    ],
  ])('exits 2 on %s', async (_name, argv, stderr) => {
    const cwd = await workspace({ 'access.txt': access });

    const result = await runRolesmith(argv, cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr);
  });

  it('accepts a whole number of stale days', async () => {
    const cwd = await workspace({ 'access.txt': access });

    const result = await runRolesmith(
      ['inventory', 'access.txt', '--stale-days', '30', '-q'],
      cwd,
    );

    expect(result.code).toBe(0);
  });

  it.each([
    [
      'a missing source',
      'missing.txt',
      'rolesmith: missing.txt: the inventory source does not exist\n',
    ],
    [
      'a missing prefixed source',
      'pairs:missing.txt',
      'rolesmith: pairs:missing.txt: the inventory file does not exist\n',
    ],
    [
      'a folder given as a pair file',
      'pairs:data',
      'rolesmith: pairs:data: cannot read the inventory source (EISDIR)\n',
    ],
  ])('exits 2 on %s, naming it', async (_name, spec, first) => {
    const cwd = await workspace({ 'data/access.txt': access });

    const result = await runRolesmith(['inventory', '-q', spec], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(first.trimEnd());
  });

  it('prints no stack trace without --debug, and one with it', async () => {
    const cwd = await workspace({ 'access.txt': 'u1\n' });

    const plain = await runRolesmith(['inventory', '-q', 'access.txt'], cwd);
    const debug = await runRolesmith(
      ['inventory', '-q', 'access.txt', '--debug'],
      cwd,
    );

    expect(plain.stderr).not.toMatch(/^\s+at /m);
    expect(debug.stderr).toMatch(/^\s+at /m);
    expect(debug.code).toBe(2);
  });
});

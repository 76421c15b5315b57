import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { SchemaObject } from 'ajv';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

const ROLE = `id: ap-clerk
title: AP clerk
audience: human
owners: ['@acme/finance']
entitlements:
  - sap:FB60
  - sap:F110
membership:
  identities:
    - u1
    - u3
    - u4
  criteria:
    - department: Finance
labels: [finance]
`;

const EXCEPTIONS = `exceptions:
  - identity: u1
    entitlement: sap:XK01
    reason: Vendor clean-up project.
    owner: '@acme/finance'
    expires: 2026-10-01
`;

const IDENTITIES = `id,kind,department,status
u1,human,Finance,active
u2,human,Finance,active
u3,human,Sales,active
u4,human,Finance,disabled
`;

const ENTITLEMENTS = `id,system
FB60,sap
F110,sap
XK01,sap
`;

const ASSIGNMENTS = `identity,entitlement,granted_at,last_used_at
u1,FB60,2025-01-02,2026-06-20
u1,F110,2025-01-02,2026-01-05
u1,XK01,2026-02-01,2026-06-01
u2,FB60,2025-03-01,2026-06-30T08:00:00Z
u2,XK01,2025-03-01,2026-05-01
`;

const workspace = useTempFiles('rolesmith-drift-');

const DEFAULT_FILES = {
  'cat/roles/ap-clerk.yaml': ROLE,
  'cat/exceptions/main.yaml': EXCEPTIONS,
  'inv/identities.csv': IDENTITIES,
  'inv/entitlements.csv': ENTITLEMENTS,
  'inv/assignments.csv': ASSIGNMENTS,
};

interface JsonFinding {
  code: string;
  severity: string;
  file?: string;
  line?: number;
  path?: string;
  message: string;
}

// The SARIF 2.1.0 schema on npm is draft-04; as in src/report/sarif.test.ts
// its root `id` becomes `$id` and its patterns need non-unicode RegExps.
function sarifValidator() {
  const path = createRequire(import.meta.url).resolve(
    '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  );
  const schema = JSON.parse(readFileSync(path, 'utf8')) as SchemaObject;
  const { id, ...rest } = schema;
  delete rest.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) =>
    URL.canParse(value, 'file:///'),
  );
  ajv.addFormat('date-time', (value: string) => !isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: id });
}

describe('rolesmith drift', () => {
  it('reports every kind of drift as JSON, placed on lines', async () => {
    const cwd = await workspace(DEFAULT_FILES);

    const result = await runRolesmith(
      ['drift', 'inv', '--catalogue', 'cat', '--format', 'json'],
      cwd,
    );

    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as {
      findings: JsonFinding[];
    };
    expect(
      findings.map(({ code, severity, file, line, message }) => ({
        code,
        severity,
        at: file === undefined ? undefined : `${file}:${line ?? 0}`,
        message,
      })),
    ).toEqual([
      {
        code: 'drift.unexplained',
        severity: 'warning',
        at: undefined,
        message:
          'Identity u2 holds sap:XK01, which neither its roles nor an approved exception grants',
      },
      {
        code: 'drift.unexplained',
        severity: 'warning',
        at: 'exceptions/main.yaml:2',
        message:
          'Identity u1 still holds sap:XK01, but its exception expired on 2026-10-01',
      },
      {
        code: 'drift.missing-grant',
        severity: 'warning',
        at: 'roles/ap-clerk.yaml:6',
        message:
          'Role ap-clerk grants sap:FB60, but member u3 does not hold it',
      },
      {
        code: 'drift.missing-grant',
        severity: 'warning',
        at: 'roles/ap-clerk.yaml:7',
        message:
          'Role ap-clerk grants sap:F110, but 2 of 3 members do not hold it: u2, u3',
      },
      {
        code: 'drift.unused',
        severity: 'note',
        at: 'roles/ap-clerk.yaml:7',
        message:
          'Role ap-clerk grants sap:F110; member u1 (last used 2026-01-05) has not used it in the 90 days before 2026-06-30',
      },
      {
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        at: 'roles/ap-clerk.yaml:11',
        message:
          'Role ap-clerk names member u3, who no longer matches its criteria (department Finance; has department Sales)',
      },
      {
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        at: 'roles/ap-clerk.yaml:12',
        message: 'Role ap-clerk names member u4, whose account is disabled',
      },
    ]);
  });

  it('prints text grouped by file, with hints', async () => {
    const cwd = await workspace(DEFAULT_FILES);

    const result = await runRolesmith(
      ['drift', 'inv', '--catalogue', 'cat', '--unused-days', '200'],
      cwd,
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'roles/ap-clerk.yaml:12:7  warning  drift.criteria-mismatch  Role ap-clerk names member u4, whose account is disabled',
    );
    expect(result.stdout).toContain(
      'hint: Remove the member, and revoke what the account still holds.',
    );
    expect(result.stdout).toContain('(catalogue)');
    // Used 2026-01-05 is inside a 200-day window.
    expect(result.stdout).not.toContain('drift.unused');
  });

  it('writes SARIF that validates against the 2.1.0 schema', async () => {
    const cwd = await workspace(DEFAULT_FILES);

    const result = await runRolesmith(
      ['drift', 'inv', '--catalogue', 'cat', '-f', 'sarif', '-o', 'd.sarif'],
      cwd,
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const log = JSON.parse(await readFile(join(cwd, 'd.sarif'), 'utf8')) as Log;
    const validate = sarifValidator();
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules?.map((rule) => rule.id)).toEqual([
      'drift.criteria-mismatch',
      'drift.missing-grant',
      'drift.unexplained',
      'drift.unused',
    ]);
  });

  it('renders the other reporter formats', async () => {
    const cwd = await workspace(DEFAULT_FILES);
    const run = (format: string) =>
      runRolesmith(
        ['drift', 'inv', '--catalogue', 'cat', '--format', format],
        cwd,
      );

    const [github, markdown, junit] = await Promise.all([
      run('github'),
      run('markdown'),
      run('junit'),
    ]);

    expect(github.stdout).toContain('::warning file=roles/ap-clerk.yaml');
    expect(markdown.stdout).toContain('drift.missing-grant');
    expect(junit.stdout).toContain('<testsuites');
    expect(junit.stdout).toContain('drift.unexplained');
  });

  it('exits 0 when nothing drifts', async () => {
    const cwd = await workspace({
      'roles/ap-clerk.yaml': ROLE.replace('    - u3\n    - u4\n', ''),
      'inv/identities.csv': 'id,kind,department\nu1,human,Finance\n',
      'inv/assignments.csv': `identity,entitlement\nu1,sap:FB60\nu1,sap:F110\n`,
    });

    const result = await runRolesmith(['drift', 'inv'], cwd);

    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('drift.');
  });

  it('exits 0 with --fail-on error although there is drift', async () => {
    const cwd = await workspace(DEFAULT_FILES);

    const result = await runRolesmith(
      ['drift', 'inv', '--catalogue', 'cat', '--fail-on', 'error'],
      cwd,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('drift.unexplained');
  });

  it.each([
    [['drift'], 'at least one inventory source'],
    [['drift', 'inv', '--unused-days', 'soon'], '--unused-days "soon"'],
    [['drift', 'inv', '--format', 'html'], 'unknown format "html"'],
    [['drift', 'inv', '--fail-on', 'bad'], 'unknown --fail-on "bad"'],
    [['drift', 'inv', '--catalogue', 'nowhere'], 'is not a folder'],
    [['drift', 'missing-folder', '--catalogue', 'cat'], 'missing-folder'],
  ])('exits 2 for bad usage: %j', async (argv, message) => {
    const cwd = await workspace(DEFAULT_FILES);

    const result = await runRolesmith(argv, cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 and reports a broken role file with its line', async () => {
    const cwd = await workspace({
      ...DEFAULT_FILES,
      'cat/roles/ap-clerk.yaml': 'id: [unclosed\n',
    });

    const result = await runRolesmith(
      ['drift', 'inv', '--catalogue', 'cat'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('roles/ap-clerk.yaml:');
    expect(result.stdout).toContain('yaml.syntax');
  });
});

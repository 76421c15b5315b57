import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { sodPolicy } from './helpers/sod-policy.ts';
import { useTempFiles } from './helpers/temp-files.ts';

const policy = sodPolicy();

const cleanRole = `id: ap-clerk
title: AP clerk
audience: human
owners: ['@acme/finance']
entitlements: [sap:FB60]
membership:
  identities: [u1]
labels: [finance]
`;

const catalogue = useTempFiles('rolesmith-cli-');

describe('rolesmith check', () => {
  it('exits 0 on a clean catalogue', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole,
    });

    const result = await runRolesmith(['check'], cwd);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('exits 1 when a role grants both sides of a risk', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole.replace(
        '[sap:FB60]',
        '[sap:XK01, sap:F110]',
      ),
    });

    const result = await runRolesmith(['check', '--format', 'json'], cwd);

    expect(result.code).toBe(1);
    const codes = (
      JSON.parse(result.stdout) as { findings: { code: string }[] }
    ).findings.map((f) => f.code);
    expect(codes).toContain('sod.role-conflict');
  });

  it.each([
    ['malformed YAML', 'id: [unclosed\n', 'yaml.syntax'],
    ['a duplicate key', `${cleanRole}title: again\n`, 'yaml.duplicate-key'],
    [
      'non-UTF-8 bytes',
      Buffer.concat([
        Buffer.from('id: ap-clerk\ntitle: caf'),
        Buffer.from([0xe9, 0x0a]),
      ]),
      'file.encoding',
    ],
  ])('exits 2 with file and line for %s', async (_name, content, code) => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': content,
    });

    const result = await runRolesmith(['check'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('roles/ap-clerk.yaml:');
    expect(result.stdout).toContain(code);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a schema error with its line, and exits 2', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole.replace(
        'audience: human',
        'audience: both',
      ),
    });

    const result = await runRolesmith(['check', '--format', 'json'], cwd);

    expect(result.code).toBe(2);
    const findings = (
      JSON.parse(result.stdout) as {
        findings: { code: string; line?: number; message: string }[];
      }
    ).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'schema.invalid',
        line: 3,
        message: '"/audience" must be one of: human, machine',
      }),
    );
  });

  it('writes --output atomically and leaves no temporary files', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole,
    });

    const result = await runRolesmith(
      ['check', '--format', 'sarif', '-o', 'out/check.sarif'],
      cwd,
    );

    expect(result.code).toBe(0);
    const sarif = JSON.parse(
      await readFile(join(cwd, 'out/check.sarif'), 'utf8'),
    ) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(await readdir(join(cwd, 'out'))).toEqual(['check.sarif']);
  });

  it.each([
    [['check', '--format', 'xml'], 'unknown format "xml"'],
    [['check', '--fail-on', 'sometimes'], 'unknown --fail-on "sometimes"'],
    [['check', '--today', 'tomorrow'], '--today "tomorrow" is not a date'],
    [['check', '--nope'], "Unknown option '--nope'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('rejects bad usage %j with exit 2', async (argv, message) => {
    const cwd = await catalogue({ 'policies/sod.yaml': policy });

    const result = await runRolesmith(argv, cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 for a role id that would escape roles/, even with --fail-on never', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole.replace(
        'id: ap-clerk',
        'id: ../../etc/passwd',
      ),
    });

    const result = await runRolesmith(['check', '--fail-on', 'never'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('roles/ap-clerk.yaml:1:5');
    expect(result.stdout).toContain('schema.invalid');
  });

  it.each([
    [['check', 'missing-folder'], 'missing-folder is not a folder'],
    [['check', 'a', 'b'], 'check takes one catalogue folder, got 2'],
  ])('rejects %j with exit 2', async (argv, message) => {
    const cwd = await catalogue({ 'policies/sod.yaml': policy });

    const result = await runRolesmith(argv, cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('rejects an invalid ROLESMITH_TODAY instead of ignoring it', async () => {
    const cwd = await catalogue({ 'policies/sod.yaml': policy });

    const result = await runRolesmith(['check'], cwd, {
      ROLESMITH_TODAY: 'soon',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ROLESMITH_TODAY "soon" is not a date');
  });

  it('names the line of non-UTF-8 bytes in a pair inventory', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'access.txt': Buffer.concat([
        Buffer.from('u1 sap:FB60\nu2 sap:F'),
        Buffer.from([0xe9, 0x0a]),
      ]),
    });

    const result = await runRolesmith(
      ['check', '--inventory', 'access.txt'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'access.txt:2: the line is not valid UTF-8',
    );
  });

  it('fails on warnings with --strict', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': sodPolicy('warn'),
      'roles/ap-clerk.yaml': cleanRole.replace(
        '[sap:FB60]',
        '[sap:XK01, sap:F110]',
      ),
    });

    const lenient = await runRolesmith(['check'], cwd);
    const strict = await runRolesmith(['check', '--strict'], cwd);

    expect(lenient.code).toBe(0);
    expect(strict.code).toBe(1);
  });

  it('prints no colour codes when NO_COLOR is set', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole.replace(
        '[sap:FB60]',
        '[sap:XK01, sap:F110]',
      ),
    });

    const result = await runRolesmith(['check'], cwd, { NO_COLOR: '1' });

    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toContain('sod.role-conflict');
  });

  it('checks roles against a pair-file inventory', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': cleanRole,
      'access.txt': 'u1 sap:FB60\nu9 sap:XK01\nu9 sap:F110\n',
    });

    const result = await runRolesmith(
      ['check', '--inventory', 'access.txt', '--format', 'json'],
      cwd,
    );

    const codes = (
      JSON.parse(result.stdout) as { findings: { code: string }[] }
    ).findings.map((f) => f.code);
    expect(codes).toContain('inventory.sod-violation');
    expect(result.code).toBe(1);
  });

  it('names the line of a malformed inventory pair', async () => {
    const cwd = await catalogue({
      'policies/sod.yaml': policy,
      'access.txt': 'u1 sap:FB60\nu2\n',
    });

    const result = await runRolesmith(
      ['check', '--inventory', 'access.txt'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('access.txt:2: expected 2 fields, found 1');
  });
});

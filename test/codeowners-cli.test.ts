import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BEGIN_MARKER } from '../src/catalogue/codeowners.ts';
import {
  parseCodeowners,
  ruleFor,
} from '../src/catalogue/codeowners-syntax.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const policy = `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Maintain vendors
    entitlements: [sap:XK01]
`;

const role = (id: string, owners: string[]) => `id: ${id}
title: ${id}
audience: human
owners: [${owners.map((o) => `'${o}'`).join(', ')}]
entitlements: [sap:FB60]
`;

const catalogue = useTempFiles('rolesmith-codeowners-');

const basic = {
  'policies/sod.yaml': policy,
  'roles/finance/ap-clerk.yaml': role('ap-clerk', ['@acme/finance']),
  'roles/it/it-helpdesk.yaml': role('it-helpdesk', ['@acme/iam']),
};

describe('rolesmith codeowners', () => {
  it('writes .github/CODEOWNERS from the role and policy owners', async () => {
    const cwd = await catalogue(basic);

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('wrote .github/CODEOWNERS (2 roles).\n');
    expect(result.code).toBe(0);
    const text = await readFile(join(cwd, '.github/CODEOWNERS'), 'utf8');
    const rules = parseCodeowners(text);
    expect(ruleFor(rules, 'roles/finance/ap-clerk.yaml')?.owners).toEqual([
      '@acme/finance',
    ]);
    expect(ruleFor(rules, 'roles/new.yaml')?.owners).toEqual(['@acme/grc']);
    expect(ruleFor(rules, 'policies/sod.yaml')?.owners).toEqual(['@acme/grc']);
    expect(await readdir(join(cwd, '.github'))).toEqual(['CODEOWNERS']);
  });

  it('keeps hand-written lines and rewrites only the block', async () => {
    const cwd = await catalogue({
      ...basic,
      '.github/CODEOWNERS': '# Ours.\n/src/ @acme/platform\n',
    });
    await runRolesmith(['codeowners'], cwd);
    const path = join(cwd, '.github/CODEOWNERS');
    const first = await readFile(path, 'utf8');
    await writeFile(path, first.replace('# Ours.', '# Ours, still.'));
    await writeFile(
      join(cwd, 'roles/it/it-helpdesk.yaml'),
      role('it-helpdesk', ['@acme/iam', '@acme/security']),
    );

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.code).toBe(0);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('# Ours, still.\n/src/ @acme/platform\n\n')).toBe(
      true,
    );
    expect(text).toMatch(
      /^\/roles\/it\/it-helpdesk\.yaml +@acme\/iam @acme\/security$/m,
    );
  });

  it('passes --check when the file is up to date', async () => {
    const cwd = await catalogue(basic);
    await runRolesmith(['codeowners'], cwd);

    const result = await runRolesmith(['codeowners', '--check'], cwd);

    expect(result.stdout).toBe('.github/CODEOWNERS is up to date (2 roles).\n');
    expect(result.code).toBe(0);
  });

  it('fails --check with a diff when owners changed, writing nothing', async () => {
    const cwd = await catalogue(basic);
    await runRolesmith(['codeowners'], cwd);
    const path = join(cwd, '.github/CODEOWNERS');
    const before = await readFile(path, 'utf8');
    await writeFile(
      join(cwd, 'roles/finance/ap-clerk.yaml'),
      role('ap-clerk', ['@acme/payables']),
    );

    const result = await runRolesmith(['codeowners', '--check'], cwd);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('.github/CODEOWNERS is out of date');
    expect(result.stdout).toContain('Run `rolesmith codeowners`');
    expect(result.stdout).toMatch(/^--- \.github\/CODEOWNERS$/m);
    expect(result.stdout).toMatch(
      /^-\/roles\/finance\/ap-clerk\.yaml +@acme\/finance$/m,
    );
    expect(result.stdout).toMatch(
      /^\+\/roles\/finance\/ap-clerk\.yaml +@acme\/payables$/m,
    );
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('fails --check when the file does not exist yet', async () => {
    const cwd = await catalogue(basic);

    const result = await runRolesmith(['codeowners', '--check'], cwd);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('--- /dev/null');
    expect(await readdir(cwd)).not.toContain('.github');
  });

  it('exits 2 with file and line for a role file that does not parse', async () => {
    const cwd = await catalogue({
      ...basic,
      'roles/it/it-helpdesk.yaml': 'id: it-helpdesk\nowners: [unclosed\n',
    });

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^roles\/it\/it-helpdesk\.yaml:\d+(:\d+)?: error yaml\.syntax/m,
    );
    expect(result.stdout).toContain('.github/CODEOWNERS was not written');
    expect(await readdir(cwd)).not.toContain('.github');
  });

  it('exits 2 with file and line for a role file that breaks its schema', async () => {
    const cwd = await catalogue({
      ...basic,
      'roles/it/it-helpdesk.yaml': role('it-helpdesk', []),
    });

    const result = await runRolesmith(['codeowners', '--check'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^roles\/it\/it-helpdesk\.yaml:4:\d+: error schema\.invalid/m,
    );
  });

  it('exits 2 on an owner GitHub would not accept, naming its line', async () => {
    const cwd = await catalogue({
      ...basic,
      'roles/it/it-helpdesk.yaml': role('it-helpdesk', ['@acme/iam', 'alice']),
    });

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('roles/it/it-helpdesk.yaml:4:');
    expect(result.stdout).toContain('codeowners.bad-owner');
    expect(result.stdout).toContain('hint: write "@alice"');
    expect(await readdir(cwd)).not.toContain('.github');
  });

  it('exits 2 on broken markers in the existing file', async () => {
    const cwd = await catalogue({
      ...basic,
      '.github/CODEOWNERS': `/src/ @x\n${BEGIN_MARKER}\n/roles/ @x\n`,
    });

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^\.github\/CODEOWNERS:2: error codeowners\.markers/m,
    );
  });

  it('refuses a bad --fallback-owner as usage', async () => {
    const cwd = await catalogue(basic);

    const result = await runRolesmith(
      ['codeowners', '--fallback-owner', 'grc'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fallback-owner: owner "grc"');
  });

  it('prefixes paths for a catalogue in a sub-folder of the repository', async () => {
    const root = await catalogue(
      Object.fromEntries(
        Object.entries(basic).map(([path, content]) => [
          `iam/catalogue/${path}`,
          content,
        ]),
      ),
    );
    await mkdir(join(root, '.git'));

    const result = await runRolesmith(
      ['codeowners', 'catalogue', '--fallback-owner', '@acme/iam-leads'],
      join(root, 'iam'),
    );

    expect(result.stdout).toBe('wrote ../.github/CODEOWNERS (2 roles).\n');
    const rules = parseCodeowners(
      await readFile(join(root, '.github/CODEOWNERS'), 'utf8'),
    );
    expect(
      ruleFor(rules, 'iam/catalogue/roles/it/it-helpdesk.yaml')?.owners,
    ).toEqual(['@acme/iam']);
    expect(ruleFor(rules, 'iam/catalogue/roles/x.yaml')?.owners).toEqual([
      '@acme/iam-leads',
    ]);
    expect(ruleFor(rules, 'roles/x.yaml')).toBeUndefined();
  });

  it('writes where --output says', async () => {
    const cwd = await catalogue(basic);

    const result = await runRolesmith(['codeowners', '-o', 'CODEOWNERS'], cwd);

    expect(result.code).toBe(0);
    expect(await readFile(join(cwd, 'CODEOWNERS'), 'utf8')).toContain(
      BEGIN_MARKER,
    );
    expect(await readdir(cwd)).not.toContain('.github');
  });
});

/** The hand-written file this repository had before it was generated. */
const HAND_WRITTEN = [
  '# Who must approve changes to the Acme role catalogue.',
  '#',
  '# Written by hand for now: `rolesmith codeowners` will generate the roles/',
  "# section from each role's `owners:`. Until then, change a role's owners here",
  '# in the same pull request. When several lines match a file, the last wins.',
  '',
  '# The checker itself: a change to it could weaken the gate, so it needs',
  "# the platform team (the gate also runs the base branch's copy).",
  '/src/               @acme/platform @acme/security',
  '/schemas/           @acme/platform @acme/security',
  '/package.json       @acme/platform',
  '/package-lock.json  @acme/platform',
  '/.ci/               @acme/platform',
  '',
  '# A role without its own line (a new one) falls back to GRC.',
  '/roles/                                           @acme/grc',
  '',
  '# Roles: the owners listed in each role file.',
  '/roles/finance/ap-clerk.yaml                      @acme/finance-owners',
  '/roles/finance/p2p-auditor.yaml                   @acme/internal-audit',
  '/roles/finance/payment-approver.yaml              @acme/finance-owners @acme/treasury',
  '/roles/finance/vendor-master-steward.yaml         @acme/finance-owners',
  '/roles/hr/payroll-administrator.yaml              @acme/payroll-owners',
  '/roles/hr/payroll-approver.yaml                   @acme/payroll-owners @acme/finance-owners',
  '/roles/it/identity-admin.yaml                     @acme/iam-team @acme/security',
  '/roles/it/it-helpdesk.yaml                        @acme/iam-team',
  '/roles/procurement/purchase-order-approver.yaml   @acme/procurement-owners',
  '/roles/security/aws-readonly-auditor.yaml         @acme/security',
  '/roles/service-accounts/ci-deploy-bot.yaml        @acme/platform @acme/security',
  '/roles/service-accounts/dependency-update-bot.yaml @acme/platform',
  '/roles/service-accounts/etl-finance-extract.yaml  @acme/data-platform',
  '/roles/service-accounts/monitoring-agent.yaml     @acme/platform',
  '',
  '# The rules and the exceptions to them.',
  '/policies/    @acme/grc',
  '/exceptions/  @acme/grc',
  '',
  '# Workflows, including the catalogue gate, and this file.',
  '/.github/     @acme/platform',
  '',
].join('\n');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'),
    );
}

describe("this repository's .github/CODEOWNERS", () => {
  it('is up to date with the role and policy files', async () => {
    const result = await runRolesmith(['codeowners', '--check'], ROOT);

    expect(result.stdout).toMatch(/is up to date/);
    expect(result.code).toBe(0);
  });

  it('is what the tool makes of the hand-written file, but for the header', async () => {
    const cwd = await catalogue({ '.github/CODEOWNERS': HAND_WRITTEN });
    for (const folder of ['roles', 'policies', 'exceptions']) {
      await cp(join(ROOT, folder), join(cwd, folder), { recursive: true });
    }

    const result = await runRolesmith(['codeowners'], cwd);

    expect(result.code).toBe(0);
    const converted = await readFile(join(cwd, '.github/CODEOWNERS'), 'utf8');
    const committed = await readFile(join(ROOT, '.github/CODEOWNERS'), 'utf8');
    // Only the header comment, outside the block, was edited by hand.
    const body = (text: string) => text.slice(text.indexOf('\n\n'));
    expect(body(converted)).toBe(body(committed));
    expect(converted.split('\n')[0]).toBe(committed.split('\n')[0]);
  });

  it('requires the same approvals as the hand-written file it replaced', async () => {
    const before = parseCodeowners(HAND_WRITTEN);
    const after = parseCodeowners(
      await readFile(join(ROOT, '.github/CODEOWNERS'), 'utf8'),
    );
    const files = [
      ...(await filesUnder('roles')),
      ...(await filesUnder('policies')),
      ...(await filesUnder('exceptions')),
      ...(await filesUnder('src')),
      ...(await filesUnder('schemas')),
      ...(await filesUnder('.github')),
      // Files a pull request could add: the folder lines must cover them.
      'roles/new-team/new-role.yaml',
      'policies/sod/new-policy.yaml',
      'exceptions/new.yaml',
      'src/new/module.ts',
      'package.json',
      'package-lock.json',
      '.ci/run',
    ];
    expect(files.filter((f) => f.startsWith('roles/')).length).toBeGreaterThan(
      10,
    );

    const owners = (lines: typeof before, file: string) =>
      [...(ruleFor(lines, file)?.owners ?? [])].sort();
    const differences = files.flatMap((file) => {
      const old = owners(before, file);
      const now = owners(after, file);
      return old.join(' ') === now.join(' ') ? [] : [{ file, old, now }];
    });
    expect(differences).toEqual([]);
  });
});

describe('the catalogue gate', () => {
  it('fails when CODEOWNERS is out of date, with the base branch checker', async () => {
    const workflow = parse(
      await readFile(
        join(ROOT, '.github/workflows/catalogue-gate.yml'),
        'utf8',
      ),
    ) as {
      on: { pull_request: { paths: string[] } };
      jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

    const step = steps.find((s) => s.run?.includes('codeowners') === true);
    expect(step?.run).toBe('node "$ROLESMITH" codeowners --check');
    // A hand edit of CODEOWNERS alone must start the gate too.
    expect(workflow.on.pull_request.paths).toContain('.github/CODEOWNERS');
  });
});

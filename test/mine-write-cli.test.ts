import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

const workspace = useTempFiles('rolesmith-write-');

/** A small organisation: AP clerks, payroll admins, three service accounts. */
function organisation(drop: string[] = []): Record<string, string> {
  const identities = ['id,kind,department,title,owner'];
  const assignments = ['identity,entitlement,granted_at,last_used_at'];
  const add = (identity: string, entitlement: string, used: string) => {
    if (!drop.includes(`${identity} ${entitlement}`)) {
      assignments.push(
        `${identity},${entitlement},2025-01-01T00:00:00Z,${used}`,
      );
    }
  };
  for (let n = 1; n <= 6; n++) {
    identities.push(`u${n},human,Finance,Accounts Payable Clerk,`);
    for (const e of ['sap:FB60', 'sap:FBL1N', 'mail:finance']) {
      add(`u${n}`, e, `2026-11-2${n}T00:00:00Z`);
    }
  }
  for (let n = 1; n <= 5; n++) {
    identities.push(`h${n},human,HR,Payroll Administrator,`);
    for (const e of ['sap:PA30', 'sap:PC00', 'mail:hr']) {
      add(`h${n}`, e, '2026-11-20T00:00:00Z');
    }
  }
  add('u1', 'sap:SU01', '');
  for (let n = 1; n <= 3; n++) {
    identities.push(`svc${n},service-account,,,u1`);
    add(`svc${n}`, 'sap:RFC_READ', '2026-11-20T00:00:00Z');
  }
  return {
    'hr/identities.csv': `${identities.join('\n')}\n`,
    'hr/assignments.csv': `${assignments.join('\n')}\n`,
  };
}

/** Every file under `dir`, with the SHA-256 of its bytes. */
async function digests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

const mine = (cwd: string, ...extra: string[]) =>
  runRolesmith(
    ['mine', 'hr', '--write', 'roles', '--owner', '@acme/iam', ...extra],
    cwd,
  );

interface WriteJson {
  reconciliation: {
    entries: { status: string; role: string; reasons: string[] }[];
  };
  written: { file: string; role: string; status: string }[];
}

describe('rolesmith mine --write', () => {
  it('writes reviewed-ready role files that pass check', async () => {
    const cwd = await workspace(organisation());

    const result = await mine(cwd);

    expect(result.code).toBe(0);
    expect(Object.keys(await digests(join(cwd, 'roles'))).sort()).toEqual([
      'finance/finance.yaml',
      'hr/hr.yaml',
      'service-accounts/machine-baseline.yaml',
    ]);
    const text = await readFile(join(cwd, 'roles/hr/hr.yaml'), 'utf8');
    expect(text).toContain('title: HR');
    expect(text).toContain('file: hr/assignments.csv');
    expect(text).toContain('5 people; all 5 have department HR.');
    expect(text).toMatch(/sha256: [0-9a-f]{64}/);
    const check = await runRolesmith(['check'], cwd);
    expect(check.stdout).toContain('Passed');
    expect(check.code).toBe(0);
  });

  it('adds the owners of critical entitlements to new roles', async () => {
    const cwd = await workspace({
      ...organisation(),
      'hr/entitlements.csv': [
        'id,system,risk,owner',
        'sap:PC00,sap,critical,@acme/payroll-owners',
        'sap:PA30,sap,high,@acme/hr-owners',
        'sap:FB60,sap,medium,@acme/ap-owners',
        // An entitlements.csv must name every entitlement assigned.
        ...['sap:FBL1N', 'mail:finance', 'mail:hr', 'sap:SU01'].map(
          (id) => `${id},${id.split(':')[0] ?? ''},,`,
        ),
        'sap:RFC_READ,sap,,',
        '',
      ].join('\n'),
    });

    expect((await mine(cwd)).code).toBe(0);

    const hr = await readFile(join(cwd, 'roles/hr/hr.yaml'), 'utf8');
    expect(hr).toContain(
      "owners:\n  - '@acme/iam'\n  - '@acme/payroll-owners'\n",
    );
    const finance = await readFile(
      join(cwd, 'roles/finance/finance.yaml'),
      'utf8',
    );
    expect(finance).toContain("owners:\n  - '@acme/iam'\nentitlements:");
  });

  it('changes no byte when unchanged data is mined again', async () => {
    const first = await workspace(organisation());
    const second = await workspace(organisation());
    await mine(first);
    const before = await digests(first);

    const again = await mine(first, '--format', 'json');
    await mine(second);

    expect(again.code).toBe(0);
    expect(await digests(first)).toEqual(before);
    const json = JSON.parse(again.stdout) as WriteJson;
    expect(json.written).toEqual([]);
    expect(new Set(json.reconciliation.entries.map((e) => e.status))).toEqual(
      new Set(['unchanged']),
    );
    // A fresh folder gets the very same bytes.
    const files = (d: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(d).filter(([path]) => path.startsWith('roles/')),
      );
    expect(files(await digests(second))).toEqual(files(before));
  });

  it('turns a small data change into a small diff with its reasons', async () => {
    const cwd = await workspace(organisation());
    await mine(cwd);
    const before = await digests(cwd);
    await writeFile(
      join(cwd, 'hr/assignments.csv'),
      organisation(['h5 sap:PC00'])['hr/assignments.csv'] ?? '',
    );

    const result = await mine(cwd, '--format', 'json');

    const after = await digests(cwd);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed.sort()).toEqual(['hr/assignments.csv', 'roles/hr/hr.yaml']);
    const json = JSON.parse(result.stdout) as WriteJson;
    const entry = json.reconciliation.entries.find((e) => e.role === 'hr');
    expect(entry?.status).toBe('changed');
    expect(entry?.reasons.join('\n')).toContain('h5');
  });

  it('never overwrites an approved role without a reconciliation entry', async () => {
    const approved = [
      'id: payroll',
      'title: Payroll administration',
      'description: Written by the payroll owners; keep it.',
      'audience: human',
      "owners: ['@acme/payroll-owners']",
      'entitlements: [sap:PA30, sap:PC00, mail:hr]',
      'membership:',
      '  identities: [h1, h2, h3, h4, x9]',
      'review:',
      '  last_reviewed: 2026-10-01',
      '  next_review: 2027-03-31',
      '',
    ].join('\n');
    const untouched = [
      'id: break-glass',
      'title: Break glass',
      'audience: human',
      "owners: ['@acme/security']",
      'entitlements: [sap:SAP_ALL]',
      '',
    ].join('\n');
    const cwd = await workspace({
      ...organisation(),
      'roles/hr/payroll.yaml': approved,
      'roles/it/break-glass.yaml': untouched,
    });
    const before = await digests(cwd);

    const result = await mine(cwd, '--format', 'json');

    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as WriteJson;
    const after = await digests(cwd);
    const entries = new Map(
      json.reconciliation.entries.map((e) => [e.role, e]),
    );
    for (const file of Object.keys(before)) {
      expect(after[file], `${file} was deleted`).toBeDefined();
      if (after[file] === before[file] || !file.startsWith('roles/')) continue;
      const id = file.split('/').pop()?.replace('.yaml', '') ?? '';
      expect(entries.get(id)?.status).toBe('changed');
      expect(entries.get(id)?.reasons.length).toBeGreaterThan(0);
    }
    expect(after['roles/it/break-glass.yaml']).toBe(
      before['roles/it/break-glass.yaml'],
    );
    const payroll = await readFile(join(cwd, 'roles/hr/payroll.yaml'), 'utf8');
    expect(entries.get('payroll')?.status).toBe('changed');
    expect(payroll).toContain('description: Written by the payroll owners');
    expect(payroll).toContain("- '@acme/payroll-owners'");
    expect(payroll).toContain('next_review: 2027-03-31');
    expect(payroll).not.toContain('x9');
    expect(payroll).toContain('- h5');
    expect(json.written.map((w) => w.file)).toContain('roles/hr/payroll.yaml');
  });

  it('asks for an owner and writes nothing without one', async () => {
    const cwd = await workspace(organisation());

    const result = await runRolesmith(['mine', 'hr', '--write', 'roles'], cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('new candidate roles need an owner');
    expect(result.stderr).toContain('--owner');
    expect(Object.keys(await digests(cwd)).sort()).toEqual([
      'hr/assignments.csv',
      'hr/identities.csv',
    ]);
  });

  it('stops at a broken role file in the folder, naming its line', async () => {
    const cwd = await workspace({
      ...organisation(),
      'roles/bad.yaml': 'id: bad\ntitle: [unclosed\n',
    });

    const result = await mine(cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/roles\/bad\.yaml:\d+:/);
    expect(Object.keys(await digests(join(cwd, 'roles')))).toEqual([
      'bad.yaml',
    ]);
  });
});

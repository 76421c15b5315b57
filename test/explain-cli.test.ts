import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles, writeFiles } from './helpers/temp-files.ts';

interface ExplainJson {
  tool: { name: string };
  roles: {
    file: string;
    role: string;
    reproduced: boolean | null;
    compared: number;
    data: { date: string };
    differences: {
      path: string;
      recorded: unknown;
      now: unknown;
      note?: string;
    }[];
    notes: string[];
    summary: { text: string; facts: string[] }[];
  }[];
}

const clerks = ['u1', 'u2', 'u3', 'u4'];

/** Four AP clerks with usage dates and a treasurer holding a one-off. */
function inventoryFiles(lastUse: (clerk: string) => string) {
  return {
    'hr/identities.csv': [
      'id,kind,department,title',
      ...clerks.map((id) => `${id},human,Finance,AP Clerk`),
      'u9,human,Treasury,Treasurer',
      '',
    ].join('\n'),
    'hr/assignments.csv': [
      'identity,entitlement,granted_at,last_used_at',
      ...clerks.flatMap((id, n) => [
        `${id},sap:FB60,2025-01-10,2026-06-0${n + 1}T09:00:00Z`,
        `${id},sap:FBL1N,2025-01-10,${lastUse(id)}`,
        `${id},mail:finance,,`,
      ]),
      'u9,sap:F110,2025-03-01,',
      '',
    ].join('\n'),
  };
}

const recentUse = () => '2026-05-20T12:00:00Z';

const workspace = useTempFiles('rolesmith-explain-');

/** Mines the inventory into roles/ and returns the role file it adds. */
async function mined(cwd: string): Promise<string> {
  const before = new Set(await roleFiles(cwd));
  const mine = await runRolesmith(
    ['mine', 'hr', '--write', 'roles', '--owner', '@acme/x', '-q'],
    cwd,
  );
  expect(mine.code, mine.stderr).toBe(0);
  const added = (await roleFiles(cwd)).filter((f) => !before.has(f));
  expect(added).toHaveLength(1);
  return added[0] ?? '';
}

async function roleFiles(cwd: string): Promise<string[]> {
  const files = await readdir(join(cwd, 'roles'), { recursive: true }).catch(
    () => [],
  );
  return files
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `roles/${f.split('\\').join('/')}`);
}

const explain = (cwd: string, ...args: string[]) =>
  runRolesmith(['explain', ...args, '-q'], cwd);

async function explainJson(cwd: string, ...args: string[]) {
  const result = await explain(cwd, ...args, '--format', 'json');
  return { code: result.code, json: JSON.parse(result.stdout) as ExplainJson };
}

describe('rolesmith explain', () => {
  it('reproduces the evidence of a mined role from the same inventory', async () => {
    const cwd = await workspace(inventoryFiles(recentUse));
    const role = await mined(cwd);

    const text = await explain(cwd, role, '--inventory', 'hr');

    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Reproduced: all \d+ statistics match the evidence \(data of 2026-06-04, sources hr\/assignments\.csv, hr\/identities\.csv\)\./,
    );
    expect(text.stdout).toContain('4 people; all 4 have department Finance.');

    const { code, json } = await explainJson(cwd, role, '--inventory', 'hr');
    expect(code).toBe(0);
    expect(json.roles).toEqual([
      expect.objectContaining({
        file: role,
        reproduced: true,
        differences: [],
        data: expect.objectContaining({ date: '2026-06-04' }) as unknown,
      }),
    ]);
    expect(json.roles[0]?.compared).toBeGreaterThan(20);

    const md = await explain(cwd, role, '--inventory', 'hr', '-f', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## rolesmith explain\n\n1 role checked; /);
    expect(md.stdout).toContain(`(\`${role}\`)`);
    expect(md.stdout).toMatch(/\*\*Reproduced:\*\* all \d+ statistics/);
  });

  it('reports exactly what changed in the inventory since mining', async () => {
    const cwd = await workspace(inventoryFiles(recentUse));
    const role = await mined(cwd);
    const before = await readFile(join(cwd, 'hr/assignments.csv'), 'utf8');
    // u1 has not used sap:FBL1N for more than the 180-day window.
    await writeFiles(
      cwd,
      inventoryFiles((id) => (id === 'u1' ? '2025-01-15' : recentUse())),
    );

    const { code, json } = await explainJson(cwd, role, '--inventory', 'hr');

    expect(code).toBe(1);
    const [explained] = json.roles;
    expect(explained?.reproduced).toBe(false);
    expect(explained?.differences).toEqual([
      {
        path: '/data/sources/0/sha256',
        recorded: sha256Of(before),
        now: sha256Of(await readFile(join(cwd, 'hr/assignments.csv'), 'utf8')),
        note: 'hr/assignments.csv changed since mining',
      },
      { path: '/statistics/entitlements/2/used_recently', recorded: 4, now: 3 },
      { path: '/statistics/entitlements/2/unused', recorded: 0, now: 1 },
    ]);
    expect(explained?.summary.map((s) => s.text)).toContainEqual(
      expect.stringContaining('sap:FBL1N (1 of 4)'),
    );

    const text = await explain(cwd, role, '--inventory', 'hr');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Not reproduced: 3 differences');
    expect(text.stdout).toMatch(
      /\/statistics\/entitlements\/2\/used_recently +4 +3\n/,
    );
    expect(text.stdout).toContain('(hr/assignments.csv changed since mining)');
  });

  it('names a reviewer’s edit to the members as the cause', async () => {
    const cwd = await workspace(inventoryFiles(recentUse));
    const role = await mined(cwd);
    const yaml = await readFile(join(cwd, role), 'utf8');
    await writeFile(join(cwd, role), yaml.replace('    - u4\n', ''));

    const { code, json } = await explainJson(cwd, role, '--inventory', 'hr');

    expect(code).toBe(1);
    expect(json.roles[0]?.differences[0]).toEqual({
      path: '/statistics/members/count',
      recorded: 4,
      now: 3,
      note: 'members edited in the role since mining',
    });
    expect(json.roles[0]?.notes).toEqual([
      expect.stringContaining('it names 3 members, 4 were mined'),
    ]);
  });

  it('explains several files and a hand-written role', async () => {
    const cwd = await workspace({
      ...inventoryFiles(recentUse),
      'roles/finance/ap-clerk.yaml': [
        'id: ap-clerk',
        'title: AP clerk',
        'audience: human',
        'owners: ["@acme/finance"]',
        'entitlements: [sap:FB60]',
        'membership:',
        '  criteria:',
        '    - department: Finance',
        '',
      ].join('\n'),
    });
    const role = await mined(cwd);

    const result = await explain(
      cwd,
      'roles/finance/ap-clerk.yaml',
      role,
      '--inventory',
      'hr',
      '-o',
      'out/explain.txt',
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const text = await readFile(join(cwd, 'out/explain.txt'), 'utf8');
    expect(text).toContain('ap-clerk (roles/finance/ap-clerk.yaml)');
    expect(text).toContain('The role records no evidence');
    expect(text).toContain(
      '4 of its 4 members are matched by its attribute criteria',
    );
    expect(text).toContain('Reproduced: all');
  });

  it('exits 2 on bad input, naming the file, the line and what was expected', async () => {
    const cwd = await workspace(inventoryFiles(recentUse));
    const role = await mined(cwd);
    const yaml = await readFile(join(cwd, role), 'utf8');
    const lineOf = (text: string, needle: string) =>
      text.slice(0, text.indexOf(needle)).split('\n').length;

    await writeFile(join(cwd, 'roles/bad.yaml'), 'id: bad\n  title: [\n');
    const syntax = await explain(cwd, 'roles/bad.yaml', '--inventory', 'hr');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^rolesmith: roles\/bad\.yaml:1:\d+: /);
    expect(syntax.stderr).toContain('expected:');

    const malformed = yaml.replace(
      /direct_assignments: \d+/,
      'direct_assignments: twelve',
    );
    await writeFile(join(cwd, role), malformed);
    const shape = await explain(cwd, role, '--inventory', 'hr');
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain(
      `${role}:${lineOf(malformed, 'direct_assignments: twelve')}:`,
    );
    expect(shape.stderr).toContain('the evidence block is malformed');
    expect(shape.stderr).toContain('schemas/evidence.schema.json');

    await writeFile(
      join(cwd, role),
      yaml.replace('  format: 1\n', '  format: 9\n'),
    );
    const format = await explain(cwd, role, '--inventory', 'hr');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain(
      `${role}:${lineOf(yaml, '  format: 1')}:11 (at /evidence/format): evidence format 9 is newer`,
    );

    await writeFile(join(cwd, role), yaml);
    const usage = [
      await explain(cwd, role),
      await explain(cwd, role, 'hr', '--inventory', 'hr'),
      await explain(cwd, 'roles/none.yaml', '--inventory', 'hr'),
      await explain(cwd, role, '--inventory', 'missing-folder'),
      await explain(cwd, role, '--inventory', 'hr', '--format', 'sarif'),
    ];
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(usage[0]?.stderr).toContain('name the inventory');
    expect(usage[1]?.stderr).toContain('"hr" is not a role file');
    expect(usage[2]?.stderr).toContain(
      'roles/none.yaml: cannot read the role file',
    );
  });
});

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';

const root = join(import.meta.dirname, '..');

interface Report {
  summary: { error: number; warning: number; note: number };
  findings: { code: string; subject?: { identity?: string; risk?: string } }[];
}

describe('the example catalogue', () => {
  it('passes rolesmith check with only the mitigated conflict as a note', async () => {
    const result = await runRolesmith(['check', '--format', 'json'], root);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.summary).toMatchObject({ error: 0, warning: 0, note: 1 });
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'sod.mitigated',
        subject: expect.objectContaining({ identity: 'u1042' }) as unknown,
      }),
    ]);
  });

  it('fails when a payroll editor is also made a payroll approver', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolesmith-example-'));
    try {
      for (const part of ['roles', 'policies', 'exceptions']) {
        await cp(join(root, part), join(dir, part), { recursive: true });
      }
      const file = join(dir, 'roles/hr/payroll-approver.yaml');
      const role = await readFile(file, 'utf8');
      await writeFile(
        file,
        role.replace('identities: [u1022', 'identities: [u1020, u1022'),
      );

      const result = await runRolesmith(['check', '--format', 'json'], dir);

      expect(result.code).toBe(1);
      const codes = (JSON.parse(result.stdout) as Report).findings.map(
        (f) => `${f.code}:${f.subject?.risk ?? ''}`,
      );
      expect(codes).toContain('sod.identity-conflict:PAY-001');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

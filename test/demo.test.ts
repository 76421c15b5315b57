import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFacts } from '../examples/demo/story.ts';

const exec = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..');

let workspace: string;
let stdout: string;
let facts: DemoFacts;

const git = async (cwd: string, ...args: string[]) =>
  (await exec('git', args, { cwd })).stdout;

/**
 * `npm run demo`, end to end, as a newcomer runs it: the built CLI in a
 * fresh workspace. The assertions read the workspace itself (git history,
 * the forge's files, the evidence pack), not only the demo's own summary.
 */
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'rolesmith-demo-test-'));
  const result = await exec(
    process.execPath,
    ['--import', 'tsx', 'examples/demo/main.ts', '--workspace', workspace],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ROLESMITH_TODAY: '2026-12-03' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  stdout = result.stdout;
  facts = JSON.parse(
    await readFile(join(workspace, 'demo-summary.json'), 'utf8'),
  ) as DemoFacts;
}, 240_000);

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('narrates every step and says where to look', () => {
    for (let step = 1; step <= 11; step++) {
      expect(stdout).toContain(`[${step}/11]`);
    }
    expect(stdout).toContain(`Workspace: ${workspace}`);
    expect(stdout).toContain(join(workspace, 'report.html'));
  });

  it('mines role files that reached main through merges', async () => {
    expect(facts.mined.added).toBeGreaterThan(0);
    const catalogue = join(workspace, 'catalogue');
    const onMain = (await git(catalogue, 'ls-files', 'roles')).split('\n');
    for (const path of facts.mined.roleFiles) expect(onMain).toContain(path);
    const merges = await git(
      join(workspace, 'remote.git'),
      'log',
      '--merges',
      '--first-parent',
      '--format=%s%n%b',
      'main',
    );
    for (const proposal of facts.proposals) {
      expect(proposal.merged).toBe(true);
      expect(merges).toContain(`Merge branch '${proposal.branch}'`);
    }
    expect(merges).toContain('Approved-by: Rita Santos');
  });

  it('finds the planted roles and exactly the planted SoD violators', async () => {
    const truth = JSON.parse(
      await readFile(join(REPO_ROOT, 'examples/acme/truth.json'), 'utf8'),
    ) as {
      sodViolations: { identity: string; risk: string; mitigation?: string }[];
    };
    const check = JSON.parse(
      await readFile(join(workspace, 'logs', '04-check.json'), 'utf8'),
    ) as {
      findings: {
        code: string;
        subject?: { identity?: string; risk?: string };
      }[];
    };
    const key = (v: { identity?: string; risk?: string }) =>
      `${v.identity ?? ''} ${v.risk ?? ''}`;
    const reported = check.findings
      .filter((f) => f.code === 'inventory.sod-violation')
      .map((f) => key(f.subject ?? {}))
      .sort();
    const planted = truth.sodViolations
      .filter((v) => v.mitigation === undefined)
      .map(key)
      .sort();
    expect(reported).toEqual(planted);
    expect(facts.check.plantedMissed).toEqual([]);
    const recovery = facts.mined.recovery;
    expect(recovery?.planted).toBeGreaterThan(50);
    expect(recovery?.meanJaccard).toBeGreaterThan(0.9);
    expect(stdout).toContain(
      `The generator planted ${recovery?.planted} roles`,
    );
  });

  it('keeps each proposal in the local forge, closed once decided', async () => {
    const forge = join(
      workspace,
      'catalogue',
      '.git',
      'rolesmith',
      'proposals',
    );
    const names = (await readdir(forge)).filter((n) => n.endsWith('.json'));
    const records = await Promise.all(
      names.map(
        async (n) =>
          JSON.parse(await readFile(join(forge, n), 'utf8')) as {
            head: string;
            state: string;
          },
      ),
    );
    const heads = records.map((r) => r.head).sort();
    expect(heads).toEqual(
      [...facts.proposals.map((p) => p.branch), facts.rejected?.branch].sort(),
    );
    expect(records.every((r) => r.state === 'closed')).toBe(true);
    const body = await readFile(
      join(forge, `${facts.proposals[0]?.branch.replaceAll('/', '__')}.md`),
      'utf8',
    );
    expect(body).toMatch(/evidence/i);
  });

  it('blocks the risky change at the gate, before merge', async () => {
    expect(facts.rejected?.findings).toContain('sod.role-conflict P2P-001');
    const main = await git(join(workspace, 'remote.git'), 'show', 'main:roles');
    expect(main).not.toBe('');
    const granted = await git(
      join(workspace, 'catalogue'),
      'grep',
      '-l',
      '-e',
      '- sap:F110',
      'main',
      '--',
      'roles',
    ).catch(() => '');
    expect(granted).not.toContain('vendor');
  });

  it('finds exactly the change that skipped review', async () => {
    const audit = JSON.parse(
      await readFile(join(workspace, 'evidence-pack', 'audit.json'), 'utf8'),
    ) as { findings: { code: string; file?: string; message: string }[] };
    const direct = audit.findings.filter(
      (f) => f.code === 'audit.direct-change',
    );
    expect(direct.map((f) => f.file)).toEqual(['roles/it/it-helpdesk.yaml']);
    expect(direct[0]?.message).toContain(facts.directChange?.slice(0, 7));
    expect(audit.findings.map((f) => f.code)).not.toContain(
      'audit.self-merged',
    );
    expect(facts.audit.verified).toBe(true);
  });

  it('has a complete audit trail for every mined role', async () => {
    interface Event {
      via: { kind: string; branch?: string; mergedBy?: string };
      trailers: { key: string; value: string }[];
      evidence?: { dataDate?: string };
    }
    const audit = JSON.parse(
      await readFile(join(workspace, 'evidence-pack', 'audit.json'), 'utf8'),
    ) as { timelines: { file: string; events: Event[] }[] };
    const byFile = new Map(audit.timelines.map((t) => [t.file, t.events]));
    const branches = new Set(facts.proposals.map((p) => p.branch));
    for (const file of facts.mined.roleFiles) {
      const events = byFile.get(file);
      expect(events, file).toBeDefined();
      const last = events?.at(-1);
      // Through a proposal's merge, approved by the reviewer, with the
      // evidence and the mining run's trailers as they were then.
      expect(last?.via.kind, file).toBe('merge');
      expect(branches.has(last?.via.branch ?? ''), file).toBe(true);
      expect(last?.via.mergedBy).toContain('Rita Santos');
      const keys = last?.trailers.map((t) => t.key) ?? [];
      expect(keys).toEqual(
        expect.arrayContaining(['Approved-by', 'Rolesmith-Sources']),
      );
      expect(last?.evidence?.dataDate, file).toBe('2026-11-30');
    }
  });

  it('reports metrics with acceptance and the SoD conflict caught', () => {
    const proposals = facts.metrics.proposals as Record<string, number>;
    expect(proposals.merged).toBe(facts.proposals.length);
    expect(proposals.closed).toBe(1);
    const sod = facts.metrics.sod as Record<string, number>;
    expect(sod.caughtInPullRequest).toBeGreaterThan(0);
  });

  it('writes the HTML report with the mined roles', async () => {
    const html = await readFile(facts.report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    const id = facts.mined.roleFiles[0]?.replace(/^.*\/|\.yaml$/g, '');
    expect(html).toContain(id);
  });
});

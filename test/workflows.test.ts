import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const GATE = 'catalogue-gate.yml';
const ACTIONLINT = join(ROOT, 'node_modules', '@tktco', 'node-actionlint');

// What node-actionlint prints around its findings; anything else is a finding.
const BANNER = [
  /^Checking \d+ workflow file\(s\)\.\.\.$/,
  /^✓ All workflow files passed lint checks$/,
];

interface LintRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function findActionlintBin(): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(ACTIONLINT, 'package.json'), 'utf8'),
  ) as { bin: string };
  return join(ACTIONLINT, manifest.bin);
}

/** Runs actionlint (compiled to wasm) on one workflow file. */
async function runActionlint(file: string): Promise<LintRun> {
  const bin = await findActionlintBin();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, file],
      { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : error.code;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

function findingLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '' && !BANNER.some((re) => re.test(line)));
}

async function readWorkflow(name: string): Promise<Record<string, unknown>> {
  const text = await readFile(join(WORKFLOWS, name), 'utf8');
  return parse(text, { uniqueKeys: true }) as Record<string, unknown>;
}

interface GateStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface GateJob {
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: GateStep[];
}

type GateJobs = Record<string, GateJob>;

async function readGateSteps(): Promise<GateStep[]> {
  const workflow = await readWorkflow(GATE);
  return Object.values(workflow.jobs as GateJobs).flatMap((job) => job.steps);
}

const workflowFiles = (await readdir(WORKFLOWS))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

describe('actionlint', () => {
  let scratch: string | undefined;
  afterEach(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true });
    scratch = undefined;
  });

  it('finds the workflows to lint', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['catalogue-gate.yml', 'ci.yml']),
    );
  });

  it.each(workflowFiles)('passes %s without findings', async (name) => {
    const run = await runActionlint(join(WORKFLOWS, name));

    expect(findingLines(run.stdout)).toEqual([]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('reports a broken workflow', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rolesmith-actionlint-'));
    const file = join(scratch, 'broken.yml');
    await writeFile(
      file,
      [
        'on: pull_request',
        'jobs:',
        '  gate:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          fetch-dept: 0',
        '      - run: echo "${{ github.base_reff }}"',
        '',
      ].join('\n'),
    );

    const run = await runActionlint(file);

    expect(run.code).toBe(1);
    const findings = findingLines(run.stdout).join('\n');
    expect(findings).toMatch(/broken\.yml:8:11 input "fetch-dept" is not/);
    expect(findings).toMatch(/broken\.yml:9:\d+ property "base_reff"/);
  });
});

describe('catalogue-gate workflow', () => {
  it('runs on pull_request and never on pull_request_target', async () => {
    const workflow = await readWorkflow(GATE);

    expect(Object.keys(workflow.on as object)).toEqual(['pull_request']);
    const text = await readFile(join(WORKFLOWS, GATE), 'utf8');
    expect(text).not.toMatch(/^\s*pull_request_target\s*:/m);
  });

  it('limits itself to catalogue paths', async () => {
    const workflow = await readWorkflow(GATE);
    const on = workflow.on as { pull_request: { paths: string[] } };

    expect(on.pull_request.paths).toEqual(
      expect.arrayContaining(['roles/**', 'policies/**', 'exceptions/**']),
    );
  });

  it('checks out full history so --base can read the base branch', async () => {
    const steps = await readGateSteps();

    const checkout = steps.find((step) =>
      step.uses?.startsWith('actions/checkout@'),
    );
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('declares permissions and writes only SARIF and the check comment', async () => {
    const workflow = await readWorkflow(GATE);
    const jobs = Object.values(workflow.jobs as GateJobs);

    const blocks = [workflow.permissions, ...jobs.map((job) => job.permissions)]
      .filter((block) => block !== undefined)
      .map((block) => block as Record<string, string>);
    expect(blocks.length).toBeGreaterThan(0);
    const writes = blocks.flatMap((block) =>
      Object.entries(block)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope),
    );
    expect(writes).toEqual(['security-events', 'pull-requests']);
  });

  it('posts the sticky comment only for pull requests from the repository', async () => {
    const steps = await readGateSteps();

    const comment = steps.find((step) => step.run?.includes('" comment'));
    expect(comment?.if).toContain(
      'github.event.pull_request.head.repo.full_name == github.repository',
    );
    expect(comment?.run).toContain('--base "origin/$BASE_REF"');
  });

  it('passes the base ref through env instead of into scripts', async () => {
    const steps = await readGateSteps();

    const scripts = steps.flatMap((step) =>
      step.run === undefined ? [] : [step.run],
    );
    const checks = scripts.filter((script) => script.includes('" check'));
    expect(checks).toHaveLength(3);
    expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
    expect(
      checks.filter((script) => !script.includes('--base "origin/$BASE_REF"')),
    ).toEqual([]);
    const jobs = Object.values((await readWorkflow(GATE)).jobs as GateJobs);
    expect(jobs.map((job) => job.env?.BASE_REF)).toEqual([
      '${{ github.base_ref }}',
    ]);
  });

  it('runs the checker built from the base branch, not the pull request', async () => {
    const steps = await readGateSteps();

    const scripts = steps.flatMap((step) =>
      step.run === undefined ? [] : [step.run],
    );
    const install = scripts.find((script) =>
      script.includes('git worktree add'),
    );
    expect(install).toContain('"origin/$BASE_REF"');
    expect(
      scripts.filter((script) => script.includes('npx rolesmith')),
    ).toEqual([]);
  });

  it('ends with the check that fails the job', async () => {
    const steps = await readGateSteps();

    const last = steps.at(-1)?.run ?? '';
    expect(last).toMatch(/"\$ROLESMITH" check .*--format github/);
    expect(last).not.toMatch(/--fail-on never/);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExceptionsSource } from '../catalogue/exceptions-file.ts';
import { parseRoleSource } from '../catalogue/role-file.ts';
import { parseYamlFile } from '../catalogue/yaml-source.ts';
import { filesAt, readGitHistory } from '../gitops/git-history.ts';
import type { TempRepo } from '../../test/helpers/temp-repo.ts';
import { createTempRepo } from '../../test/helpers/temp-repo.ts';
import { buildAudit, buildTimelines, versionKey } from './audit.ts';
import type { FileVersion, GitHistory } from './audit.ts';
import { catalogueAt, pathsOf, whoWasEntitled } from './audit-point.ts';

const exec = promisify(execFile);

interface Person {
  name: string;
  email: string;
}

const alice = { name: 'Alice Lead', email: 'alice@acme.test' };
const bob = { name: 'Bob Miner', email: 'bob@acme.test' };
const carol = { name: 'Carol Admin', email: 'carol@acme.test' };
const dave = { name: 'Dave Solo', email: 'dave@acme.test' };
const erin = { name: 'Erin Tidy', email: 'erin@acme.test' };

const label = (p: Person) => `${p.name} <${p.email}>`;

const policy = (severity: string) => `owners: ['@acme/grc']
functions:
  - id: payment-release
    title: Release payments
    entitlements: [sap:F110]
  - id: vendor-maintenance
    title: Maintain vendors
    entitlements: [sap:XK01]
risks:
  - id: P2P-001
    title: Create a vendor and pay it
    severity: ${severity}
    owner: '@acme/grc'
    rationale: A fictitious vendor could be created and paid.
    functions: [vendor-maintenance, payment-release]
    outcome: block
`;

const role = (
  id: string,
  entitlements: string[],
  members: string[],
  evidence = '',
) => `id: ${id}
title: ${id}
description: The ${id} role, kept long enough for rename detection to see it.
audience: human
owners: ['@acme/iam']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
review:
  next_review: 2027-06-01
labels: [audit-test]
${evidence}`;

const evidenceBlock = `evidence:
  format: 1
  mined_by:
    tool: rolesmith
    version: 0.1.0
    algorithm: governed
    parameters: {}
  data:
    date: 2026-01-31
    sources:
      - source: csv
        file: hr-export/accounts.csv
        sha256: ab12
`;

/** One scripted history; shas are filled in as it is built. */
interface Scenario {
  repo: TempRepo;
  root: string;
  proposal: string;
  merge7: string;
  direct: string;
  renameCommit: string;
  mergeRename: string;
  cleanup: string;
  merge9: string;
}

/** Runs git as a given author and committer at a given moment. */
function gitAs(repo: TempRepo, author: Person, committer: Person, at: string) {
  return async (...args: string[]) =>
    (
      await exec('git', args, {
        cwd: repo.dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_AUTHOR_DATE: at,
          GIT_COMMITTER_NAME: committer.name,
          GIT_COMMITTER_EMAIL: committer.email,
          GIT_COMMITTER_DATE: at,
          GIT_CONFIG_NOSYSTEM: '1',
        },
      })
    ).stdout.trim();
}

async function commitAs(
  repo: TempRepo,
  who: Person,
  at: string,
  message: string,
): Promise<string> {
  const git = gitAs(repo, who, who, at);
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

async function mergeAs(
  repo: TempRepo,
  who: Person,
  at: string,
  branch: string,
  message: string,
): Promise<string> {
  const git = gitAs(repo, who, who, at);
  await git('checkout', '-q', 'main');
  await git('merge', '-q', '--no-ff', '-m', message, branch);
  return git('rev-parse', 'HEAD');
}

/**
 * A history with the cases the audit must tell apart: the first commit,
 * a proposal merged as pull request #7 by someone else, a direct push
 * changing a policy, a rename merged by its only author, and a deletion
 * merged by its author with a Reviewed-by trailer naming a reviewer.
 */
async function buildScenario(): Promise<Scenario> {
  const repo = await createTempRepo();
  await repo.write({
    'policies/sod.yaml': policy('high'),
    'roles/platform/ops.yaml': role('ops', ['k8s:admin'], ['u5']),
  });
  const root = await commitAs(repo, alice, '2026-01-05T09:00:00Z', 'initial');

  await repo.git('checkout', '-q', '-b', 'rolesmith/roles-finance');
  await repo.write({
    'roles/finance/ap-clerk.yaml': role(
      'ap-clerk',
      ['sap:F110', 'sap:FB60'],
      ['u1', 'u2'],
      evidenceBlock,
    ),
  });
  const proposal = await commitAs(
    repo,
    bob,
    '2026-02-01T10:00:00Z',
    [
      'Propose role ap-clerk',
      '',
      '- ap-clerk: 2 members',
      '',
      'Rolesmith-Version: 0.1.0',
      'Rolesmith-Roles: ap-clerk',
      'Rolesmith-Data-Date: 2026-01-31',
      'Rolesmith-Sources: hr-export/accounts.csv sha256:ab12',
    ].join('\n'),
  );
  const merge7 = await mergeAs(
    repo,
    alice,
    '2026-02-03T12:00:00Z',
    'rolesmith/roles-finance',
    'Merge pull request #7 from acme/rolesmith/roles-finance',
  );

  await repo.write({ 'policies/sod.yaml': policy('critical') });
  const direct = await commitAs(
    repo,
    carol,
    '2026-02-10T08:00:00Z',
    'Raise P2P-001 to critical',
  );

  await repo.git('checkout', '-q', '-b', 'rename-ops');
  await repo.write({
    'roles/platform/ops.yaml': null,
    'roles/platform/platform-ops.yaml': role(
      'platform-ops',
      ['k8s:admin'],
      ['u5'],
    ),
    'roles/finance/ap-clerk.yaml': role(
      'ap-clerk',
      ['sap:F110', 'sap:FB60'],
      ['u1', 'u2', 'u3'],
      evidenceBlock,
    ),
  });
  const renameCommit = await commitAs(
    repo,
    dave,
    '2026-03-01T10:00:00Z',
    'Rename ops, add u3 to ap-clerk',
  );
  const mergeRename = await mergeAs(
    repo,
    dave,
    '2026-03-02T10:00:00Z',
    'rename-ops',
    "Merge branch 'rename-ops'",
  );

  await repo.git('checkout', '-q', '-b', 'cleanup');
  await repo.write({ 'roles/platform/platform-ops.yaml': null });
  const cleanup = await commitAs(
    repo,
    erin,
    '2026-04-01T10:00:00Z',
    `Remove platform-ops\n\nReviewed-by: ${label(alice)}`,
  );
  const merge9 = await mergeAs(
    repo,
    erin,
    '2026-04-02T10:00:00Z',
    'cleanup',
    'Merge pull request #9 from acme/cleanup',
  );
  return {
    repo,
    root,
    proposal,
    merge7,
    direct,
    renameCommit,
    mergeRename,
    cleanup,
    merge9,
  };
}

/** What the CLI does: every role and exceptions file as each event left it. */
async function readVersions(
  dir: string,
  history: GitHistory,
): Promise<Map<string, FileVersion>> {
  const requests = buildTimelines(history).flatMap((timeline) => {
    const paths = pathsOf(timeline);
    return timeline.events.flatMap((event, i) =>
      event.change === 'removed' || timeline.kind === 'policy'
        ? []
        : [{ commit: event.commit, path: paths[i] ?? '', kind: timeline.kind }],
    );
  });
  const blobs = await filesAt(dir, requests);
  const versions = new Map<string, FileVersion>();
  requests.forEach((request, i) => {
    const parsed = parseYamlFile(request.path, blobs[i] ?? new Uint8Array());
    if (!parsed.ok) throw new Error(`${request.path} does not parse`);
    const version: FileVersion = { commit: request.commit, file: request.path };
    if (request.kind === 'role') {
      const parsedRole = parseRoleSource(parsed.source).role;
      if (parsedRole !== undefined) version.role = parsedRole;
    } else {
      version.exceptions = parseExceptionsSource(parsed.source).exceptions.map(
        (e) => e.exception,
      );
    }
    versions.set(versionKey(request.commit, request.path), version);
  });
  return versions;
}

describe('audit over a real git history', () => {
  let s: Scenario;
  let history: GitHistory;
  let versions: Map<string, FileVersion>;

  beforeAll(async () => {
    s = await buildScenario();
    history = await readGitHistory(s.repo.dir, { branch: 'main' });
    versions = await readVersions(s.repo.dir, history);
  });
  afterAll(async () => {
    await s.repo.remove();
  });

  it('reads the first-parent history with merges, trailers and changes', () => {
    expect(history.commits.map((c) => c.sha)).toEqual([
      s.root,
      s.merge7,
      s.direct,
      s.mergeRename,
      s.merge9,
    ]);
    const merge = history.commits[1]!;
    expect(merge.parents).toEqual([s.root, s.proposal]);
    expect(merge.subject).toBe(
      'Merge pull request #7 from acme/rolesmith/roles-finance',
    );
    expect(merge.merge).toEqual({
      pr: 7,
      branch: 'rolesmith/roles-finance',
      commits: [
        {
          sha: s.proposal,
          author: { ...bob, date: '2026-02-01T10:00:00+00:00' },
          subject: 'Propose role ap-clerk',
          trailers: [
            { key: 'Rolesmith-Version', value: '0.1.0' },
            { key: 'Rolesmith-Roles', value: 'ap-clerk' },
            { key: 'Rolesmith-Data-Date', value: '2026-01-31' },
            {
              key: 'Rolesmith-Sources',
              value: 'hr-export/accounts.csv sha256:ab12',
            },
          ],
        },
      ],
    });
    expect(merge.changes).toEqual([
      { status: 'added', path: 'roles/finance/ap-clerk.yaml' },
    ]);
    expect(history.commits[3]!.merge?.branch).toBe('rename-ops');
    expect(history.commits[3]!.changes).toEqual([
      { status: 'modified', path: 'roles/finance/ap-clerk.yaml' },
      {
        status: 'renamed',
        path: 'roles/platform/platform-ops.yaml',
        from: 'roles/platform/ops.yaml',
      },
    ]);
    expect(history.commits[2]!.merge).toBeUndefined();
    expect(history.commits[2]!.committer).toEqual({
      ...carol,
      date: '2026-02-10T08:00:00+00:00',
    });
  });

  it('builds per-file timelines that follow renames', () => {
    const audit = buildAudit(history, versions);
    const viaPr7 = {
      kind: 'merge',
      pr: 7,
      branch: 'rolesmith/roles-finance',
      author: [label(bob)],
      mergedBy: label(alice),
    } as const;
    const viaRename = {
      kind: 'merge',
      branch: 'rename-ops',
      author: [label(dave)],
      mergedBy: label(dave),
    } as const;
    const proposalTrailers = [
      { key: 'Rolesmith-Version', value: '0.1.0' },
      { key: 'Rolesmith-Roles', value: 'ap-clerk' },
      { key: 'Rolesmith-Data-Date', value: '2026-01-31' },
      { key: 'Rolesmith-Sources', value: 'hr-export/accounts.csv sha256:ab12' },
    ];
    const evidence = {
      dataDate: '2026-01-31',
      algorithm: 'governed',
      sources: ['hr-export/accounts.csv sha256:ab12'],
    };
    expect(audit.head).toBe(s.merge9);
    expect(audit.timelines).toEqual([
      {
        file: 'policies/sod.yaml',
        id: 'sod',
        kind: 'policy',
        events: [
          {
            date: '2026-01-05T09:00:00+00:00',
            commit: s.root,
            change: 'created',
            via: { kind: 'direct', author: label(alice) },
            trailers: [],
          },
          {
            date: '2026-02-10T08:00:00+00:00',
            commit: s.direct,
            change: 'changed',
            via: { kind: 'direct', author: label(carol) },
            trailers: [],
          },
        ],
      },
      {
        file: 'roles/finance/ap-clerk.yaml',
        id: 'ap-clerk',
        kind: 'role',
        events: [
          {
            date: '2026-02-03T12:00:00+00:00',
            commit: s.merge7,
            change: 'created',
            via: viaPr7,
            trailers: proposalTrailers,
            evidence,
          },
          {
            date: '2026-03-02T10:00:00+00:00',
            commit: s.mergeRename,
            change: 'changed',
            via: viaRename,
            trailers: [],
            evidence,
          },
        ],
      },
      {
        file: 'roles/platform/platform-ops.yaml',
        id: 'platform-ops',
        kind: 'role',
        events: [
          {
            date: '2026-01-05T09:00:00+00:00',
            commit: s.root,
            change: 'created',
            via: { kind: 'direct', author: label(alice) },
            trailers: [],
          },
          {
            date: '2026-03-02T10:00:00+00:00',
            commit: s.mergeRename,
            change: 'renamed',
            from: 'roles/platform/ops.yaml',
            via: viaRename,
            trailers: [],
          },
          {
            date: '2026-04-02T10:00:00+00:00',
            commit: s.merge9,
            change: 'removed',
            via: {
              kind: 'merge',
              pr: 9,
              branch: 'cleanup',
              author: [label(erin)],
              mergedBy: label(erin),
            },
            trailers: [{ key: 'Reviewed-by', value: label(alice) }],
          },
        ],
      },
    ]);
  });

  it('finds direct changes and self-merges, not reviewed merges', () => {
    const { findings } = buildAudit(history, versions);
    expect(findings.map((f) => [f.code, f.severity, f.file])).toEqual([
      ['audit.direct-change', 'warning', 'policies/sod.yaml'],
      ['audit.direct-change', 'note', 'policies/sod.yaml'],
      ['audit.self-merged', 'warning', 'roles/finance/ap-clerk.yaml'],
      ['audit.direct-change', 'note', 'roles/platform/ops.yaml'],
      ['audit.self-merged', 'warning', 'roles/platform/platform-ops.yaml'],
    ]);
    const direct = findings[0]!;
    expect(direct.message).toBe(
      `policies/sod.yaml changed on main in ${s.direct.slice(0, 7)} "Raise ` +
        `P2P-001 to critical" by ${label(carol)}, not through a merge`,
    );
    expect(findings[2]!.message).toBe(
      `the merge ${s.mergeRename.slice(0, 7)} was merged by ` +
        `${label(dave)}, the only author of its commits, and no Reviewed-by ` +
        'or Approved-by trailer names anyone else; offline data cannot see ' +
        'GitHub reviews, so this is an approximation',
    );
  });

  it('answers what the catalogue was and who was entitled on two dates', () => {
    const { timelines } = buildAudit(history, versions);
    expect(
      catalogueAt(history, timelines, { date: '2026-01-01' }),
    ).toBeUndefined();

    const feb = catalogueAt(history, timelines, { date: '2026-02-05' });
    expect(feb?.commit).toBe(s.merge7);
    expect(feb?.files.map((f) => [f.file, f.since.commit])).toEqual([
      ['policies/sod.yaml', s.root],
      ['roles/finance/ap-clerk.yaml', s.merge7],
      ['roles/platform/ops.yaml', s.root],
    ]);
    const byCommit = catalogueAt(history, timelines, { commit: s.direct });
    expect(byCommit?.files.map((f) => [f.id, f.since.commit])).toEqual([
      ['sod', s.direct],
      ['ap-clerk', s.merge7],
      ['ops', s.root],
    ]);
    expect(
      catalogueAt(history, timelines, { commit: s.proposal }),
    ).toBeUndefined();

    const who = (entitlement: string, date: string) =>
      whoWasEntitled(history, timelines, versions, entitlement, {
        date,
      })?.grants.map((g) => [
        g.identity,
        g.via.kind === 'role' ? g.via.role : 'exception',
        g.via.file,
        g.introduced.commit,
      ]);
    expect(who('sap:F110', '2026-02-05')).toEqual([
      ['u1', 'ap-clerk', 'roles/finance/ap-clerk.yaml', s.merge7],
      ['u2', 'ap-clerk', 'roles/finance/ap-clerk.yaml', s.merge7],
    ]);
    expect(who('sap:F110', '2026-03-15')).toEqual([
      ['u1', 'ap-clerk', 'roles/finance/ap-clerk.yaml', s.merge7],
      ['u2', 'ap-clerk', 'roles/finance/ap-clerk.yaml', s.merge7],
      ['u3', 'ap-clerk', 'roles/finance/ap-clerk.yaml', s.mergeRename],
    ]);
    // Through the rename, the grant still dates from the first commit.
    expect(who('k8s:admin', '2026-03-15')).toEqual([
      ['u5', 'platform-ops', 'roles/platform/platform-ops.yaml', s.root],
    ]);
    expect(who('k8s:admin', '2026-04-05')).toEqual([]);
    expect(
      whoWasEntitled(history, timelines, versions, 'sap:F110', {
        date: '2026-02-05',
      })?.note,
    ).toMatch(/explicit role members/);
  });
});

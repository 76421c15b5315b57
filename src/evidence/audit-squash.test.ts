import { describe, expect, it } from 'vitest';
import { parseSquashSubject } from '../gitops/git-history.ts';
import { buildAudit, provenanceFindings } from './audit.ts';
import type { GitHistory, HistoryCommit } from './audit.ts';
import { failingChecks } from './audit-checks.ts';

const erin = {
  name: 'Erin',
  email: 'erin@acme.test',
  date: '2026-01-02T00:00:00Z',
};

function commit(sha: string, subject: string, pr?: number): HistoryCommit {
  return {
    sha: sha.padEnd(40, '0'),
    parents: ['p'.padEnd(40, '0')],
    author: erin,
    committer: { ...erin, name: 'GitHub', email: 'noreply@github.com' },
    subject,
    body: '',
    trailers: [],
    ...(pr !== undefined && { squash: { pr } }),
    changes: [{ status: 'added', path: `roles/${sha}.yaml` }],
  };
}

const history: GitHistory = {
  branch: 'main',
  commits: [commit('a1', 'Add role a1 (#12)', 12), commit('b2', 'Add role b2')],
};

describe('squash merges offline', () => {
  it("reads GitHub's ` (#N)` subjects and nothing else", () => {
    expect(parseSquashSubject('Add role ap-lead (#12)')).toBe(12);
    expect(parseSquashSubject('Revert "x (#3)" (#4)')).toBe(4);
    expect(parseSquashSubject('Fix #12')).toBeUndefined();
    expect(parseSquashSubject('Add (#12) to the roles')).toBeUndefined();
    expect(parseSquashSubject('Add role(#12)')).toBeUndefined();
    expect(parseSquashSubject('Add role (#0)')).toBeUndefined();
  });

  it('takes a squash subject as the claim it is, not as a direct change', () => {
    const audit = buildAudit(history);
    expect(audit.findings.map((f) => [f.code, f.file])).toEqual([
      ['audit.direct-change', 'roles/b2.yaml'],
    ]);
    expect(audit.timelines[0]?.events[0]?.via).toEqual({
      kind: 'merge',
      pr: 12,
      author: ['Erin <erin@acme.test>'],
      mergedBy: 'GitHub <noreply@github.com>',
      style: 'squash',
      claimedBy: 'commit message',
    });
  });

  it('makes a squash GitHub did not confirm a direct change', () => {
    const denied = new Set([history.commits[0]?.sha ?? '']);
    const findings = provenanceFindings(history, denied);
    expect(findings.map((f) => [f.code, f.severity, f.file])).toEqual([
      ['audit.direct-change', 'warning', 'roles/a1.yaml'],
      ['audit.direct-change', 'warning', 'roles/b2.yaml'],
    ]);
    expect(findings[0]?.message).toContain(
      'its subject names pull request #12, but GitHub has no merged pull request for this commit',
    );
  });
});

describe('failing checks', () => {
  const at = '2026-01-02T12:00:00Z';
  it('fails statuses and check runs that had not passed at the merge', () => {
    expect(
      failingChecks(
        [
          { name: 'a', source: 'status', conclusion: 'error' },
          { name: 'b', source: 'status', conclusion: 'pending' },
          { name: 'c', source: 'check-run', conclusion: 'action_required' },
          { name: 'd', source: 'check-run', conclusion: 'in_progress' },
          { name: 'e', source: 'check-run', conclusion: 'neutral' },
          {
            name: 'f',
            source: 'check-run',
            conclusion: 'skipped',
            completedAt: '2026-01-02T11:00:00Z',
          },
          {
            name: 'g',
            source: 'check-run',
            conclusion: 'success',
            completedAt: '2026-01-02T13:00:00Z',
          },
        ],
        at,
      ),
    ).toEqual([
      'a (status error)',
      'c (check-run action_required)',
      'd (check-run not completed: in_progress)',
      'g (check-run success, completed after the merge)',
    ]);
  });
});

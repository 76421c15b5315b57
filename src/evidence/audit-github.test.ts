import { describe, expect, it } from 'vitest';
import { buildAudit, versionKey } from './audit.ts';
import type { GitHistory } from './audit.ts';
import type { PullProvenance } from './audit-github.ts';
import { applyGithubProvenance } from './audit-github.ts';

const dave = {
  name: 'Dave',
  email: 'dave@acme.test',
  date: '2026-01-02T00:00:00Z',
};

const history: GitHistory = {
  branch: 'main',
  commits: [
    {
      sha: 'm1'.padEnd(40, '0'),
      parents: ['base', 'b1'],
      author: dave,
      committer: dave,
      subject: 'Merge pull request #3 from acme/x',
      body: '',
      trailers: [],
      merge: {
        pr: 3,
        commits: [{ sha: 'b1', author: dave, subject: 'x', trailers: [] }],
      },
      changes: [
        { status: 'modified', path: 'roles/a.yaml' },
        { status: 'modified', path: 'policies/p.yaml' },
      ],
    },
  ],
};

const pull: PullProvenance = {
  number: 3,
  author: 'dave',
  mergedBy: 'dave',
  headSha: 'b1',
  approvals: [{ user: 'erin', at: '2026-01-02T00:00:00Z' }],
  changesRequested: [],
  checks: [{ name: 'ci', conclusion: 'success' }],
};

function run(teams?: Map<string, string[]>) {
  return applyGithubProvenance({
    history,
    audit: buildAudit(history),
    provenance: new Map([[3, pull]]),
    codeOwners: new Map([[versionKey('base', 'roles/a.yaml'), ['@acme/iam']]]),
    policyOwners: new Map([
      [versionKey('base', 'policies/p.yaml'), ['@acme/grc']],
    ]),
    ...(teams !== undefined && { teams }),
  }).findings.map((f) => [f.code, f.severity, f.file]);
}

describe('GitHub provenance findings', () => {
  it('notes team owners it cannot resolve, and drops the self-merge guess', () => {
    expect(run()).toEqual([
      ['audit.policy-without-owner', 'note', 'policies/p.yaml'],
      ['audit.no-code-owner-approval', 'note', 'roles/a.yaml'],
    ]);
  });

  it('accepts a team member as owner when the members are known', () => {
    const teams = new Map([
      ['@acme/iam', ['erin']],
      ['@acme/grc', ['frank']],
    ]);
    expect(run(teams)).toEqual([
      ['audit.policy-without-owner', 'warning', 'policies/p.yaml'],
    ]);
  });
});

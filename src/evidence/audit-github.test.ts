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
  checks: [{ name: 'ci', source: 'status', conclusion: 'success' }],
};

function run(teams?: Map<string, string[]>, unreadable?: Map<string, string>) {
  return applyGithubProvenance({
    history,
    audit: buildAudit(history),
    provenance: new Map([[3, pull]]),
    codeOwners: new Map([[versionKey('base', 'roles/a.yaml'), ['@acme/iam']]]),
    policyOwners: new Map([
      [versionKey('base', 'policies/p.yaml'), ['@acme/grc']],
    ]),
    ...(teams !== undefined && { teams }),
    ...(unreadable !== undefined && { teamsUnreadable: unreadable }),
  }).findings.map((f) => [f.code, f.severity, f.file, f.message]);
}

describe('GitHub provenance findings', () => {
  it('notes team owners it cannot resolve, and drops the self-merge guess', () => {
    expect(run().map((f) => f.slice(0, 3))).toEqual([
      ['audit.policy-without-owner', 'note', 'policies/p.yaml'],
      ['audit.no-code-owner-approval', 'note', 'roles/a.yaml'],
    ]);
  });

  it('says why a team could not be checked, where GitHub said', () => {
    const unreadable = new Map([['@acme/iam', 'the token may not read it']]);
    const [policy, role] = run(undefined, unreadable);
    expect(role?.[3]).toMatch(
      /team ownership not verifiable for @acme\/iam \(the token may not read it\)$/,
    );
    expect(policy?.[3]).toMatch(/not verifiable for @acme\/grc$/);
  });

  it('accepts a team member as owner when the members are known', () => {
    const teams = new Map([
      ['@acme/iam', ['erin']],
      ['@acme/grc', ['frank']],
    ]);
    expect(run(teams).map((f) => f.slice(0, 3))).toEqual([
      ['audit.policy-without-owner', 'warning', 'policies/p.yaml'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildAudit, versionKey } from './audit.ts';
import type { FileVersion, GitHistory, HistoryCommit } from './audit.ts';
import { whoWasEntitled } from './audit-point.ts';

const dave = { name: 'Dave Solo', email: 'dave@acme.test' };

function commit(
  sha: string,
  date: string,
  fields: Partial<HistoryCommit>,
): HistoryCommit {
  return {
    sha,
    parents: ['p'],
    author: { ...dave, date },
    committer: { ...dave, date },
    subject: sha,
    body: '',
    trailers: [],
    changes: [],
    ...fields,
  };
}

const mergeOf = (trailer: string | undefined) => ({
  pr: 3,
  branch: 'x',
  commits: [
    {
      sha: 'b1',
      author: { ...dave, date: '2026-01-01T00:00:00Z' },
      subject: 'change',
      trailers:
        trailer === undefined ? [] : [{ key: 'Reviewed-by', value: trailer }],
    },
  ],
});

describe('provenance findings from synthetic histories', () => {
  it('judges Reviewed-by by the person it names, not by its presence', () => {
    const change = [{ status: 'modified' as const, path: 'roles/a.yaml' }];
    const history: GitHistory = {
      branch: 'main',
      commits: [
        commit('m1', '2026-01-02T00:00:00Z', {
          parents: ['p', 'b1'],
          merge: mergeOf('dave solo'),
          changes: change,
        }),
        commit('m2', '2026-01-03T00:00:00Z', {
          parents: ['m1', 'b1'],
          merge: mergeOf('Rita <rita@acme.test>'),
          changes: change,
        }),
        commit('m3', '2026-01-04T00:00:00Z', {
          parents: ['m2', 'b1'],
          committer: {
            name: 'GitHub',
            email: 'noreply@github.com',
            date: '2026-01-04T00:00:00Z',
          },
          merge: mergeOf(undefined),
          changes: change,
        }),
      ],
    };
    const { findings } = buildAudit(history);
    expect(findings.map((f) => [f.code, f.message.slice(0, 32)])).toEqual([
      ['audit.self-merged', 'pull request #3 (merge m1) was m'],
    ]);
  });

  it('ends a timeline when a file moves out of the audited folders', () => {
    const history: GitHistory = {
      branch: 'main',
      commits: [
        commit('c1', '2026-01-01T00:00:00Z', {
          parents: [],
          changes: [{ status: 'added', path: 'roles/a.yaml' }],
        }),
        commit('c2', '2026-01-02T00:00:00Z', {
          changes: [
            { status: 'renamed', path: 'attic/a.yaml', from: 'roles/a.yaml' },
          ],
        }),
      ],
    };
    const audit = buildAudit(history);
    expect(
      audit.timelines.map((t) => [t.file, t.events.map((e) => e.change)]),
    ).toEqual([['roles/a.yaml', ['created', 'removed']]]);
    expect(audit.findings.map((f) => [f.severity, f.file])).toEqual([
      ['warning', 'roles/a.yaml'],
      ['note', 'roles/a.yaml'],
    ]);
  });

  it('counts an approved exception only until it expires', () => {
    const history: GitHistory = {
      branch: 'main',
      commits: [
        commit('c1', '2026-01-01T00:00:00Z', {
          parents: [],
          changes: [{ status: 'added', path: 'exceptions/finance.yaml' }],
        }),
        commit('c2', '2026-03-01T00:00:00Z', {}),
      ],
    };
    const versions = new Map<string, FileVersion>([
      [
        versionKey('c1', 'exceptions/finance.yaml'),
        {
          commit: 'c1',
          file: 'exceptions/finance.yaml',
          exceptions: [
            {
              identity: 'u9',
              entitlement: 'sap:FB03',
              reason: 'Year-end close.',
              owner: '@acme/finance',
              expires: '2026-01-31',
            },
          ],
        },
      ],
    ]);
    const { timelines } = buildAudit(history, versions);
    const who = (date: string) =>
      whoWasEntitled(history, timelines, versions, 'sap:FB03', { date })
        ?.grants;
    expect(who('2026-01-15')).toEqual([
      {
        identity: 'u9',
        via: { kind: 'exception', file: 'exceptions/finance.yaml' },
        introduced: {
          commit: 'c1',
          date: '2026-01-01T00:00:00Z',
          via: { kind: 'direct', author: 'Dave Solo <dave@acme.test>' },
        },
      },
    ]);
    expect(who('2026-03-15')).toEqual([]);
  });
});

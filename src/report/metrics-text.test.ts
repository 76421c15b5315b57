import { describe, expect, it } from 'vitest';
import type { MetricsPoint, MetricsReport } from '../evidence/metrics.ts';
import { renderMetricsMarkdown } from './metrics-markdown.ts';
import { renderMetricsText } from './metrics-text.ts';

const point = (commit: string, roles: number): MetricsPoint => ({
  commit,
  date: '2026-11-01T10:00:00Z',
  roles,
  entitlementsPerRole: 1.5,
  rolesPerIdentity: 1,
  exceptions: 2,
  mixedRoles: 0,
  unjudgedRoles: roles,
  sodFindings: 1,
  sodIntroducedDirect: 0,
  sodIntroducedByMerge: 0,
});

const report: MetricsReport = {
  points: [point('a'.repeat(40), 2), point('b'.repeat(40), 5)],
  sod: { afterMerge: 1, viaPullRequest: 0, caughtInPullRequest: 2, atStart: 0 },
  proposals: {
    merged: 1,
    closed: 1,
    open: 0,
    superseded: 2,
    acceptance: 0.5,
    medianHoursToApproval: 2.5,
  },
  notes: ['a note'],
};

describe('metrics renderers', () => {
  it('prints the trend table and the headline as text', () => {
    const text = renderMetricsText(report, 'main');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Metrics of main: 2 commits');
    expect(lines[2]).toMatch(/^commit {3}date {8}roles {2}ent\/role/);
    expect(lines[3]).toBe(
      'aaaaaaa  2026-11-01      2      1.50               1           ' +
        '2      0         2    1               0              0',
    );
    expect(text).toContain('roles: 2 → 5 (+3)\n');
    expect(text).toContain('candidate acceptance: 50%\n');
    expect(text).toContain('1 merged, 1 closed, 0 open, 2 superseded');
    expect(text).toContain(
      'median time from pull request to first approval: 2.50 h\n',
    );
    expect(text).toContain('median time from proposal to merge: n/a\n');
    expect(text).toContain('(closed, never on the branch): 2\n');
    expect(text.endsWith('note: a note\n')).toBe(true);
  });

  it('prints the same figures as Markdown', () => {
    const md = renderMetricsMarkdown(report, 'main');
    expect(md).toContain('- roles: 2 → 5 (+3)\n');
    expect(md).toContain('- candidate acceptance: 50%\n');
    expect(md).toContain(
      '- median time from pull request to first approval: 2.50 h\n',
    );
    expect(md).toContain('| --- | --- | ---: |');
    expect(md).toContain(
      '| bbbbbbb | 2026-11-01 | 5 | 1.50 | 1 | 2 | 0 | 5 | 1 | 0 | 0 |',
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildFunction,
  buildPolicies,
  buildRisk,
  buildRole,
} from '../../checks/test-builders.ts';
import type { Catalogue } from '../../model/index.ts';
import { renderLineChart, xLabelIndices } from './chart.ts';
import { computeSodMatrix, renderHtmlReport } from './index.ts';
import type { HtmlReportData } from './types.ts';

const HOSTILE = '<script>alert("x")</script>';

function catalogue(): Catalogue {
  return {
    roles: [
      buildRole('ap-clerk', ['sap:FB60', 'sap:XK01']),
      buildRole('payer', ['sap:F110'], { audience: 'machine' }),
      buildRole('vendor-payer', ['sap:XK01', 'sap:F110']),
    ],
    exceptions: [],
    policies: buildPolicies({
      functions: [
        buildFunction('vendor-maintenance', ['sap:XK*']),
        buildFunction('payment-release', ['sap:F110']),
      ],
      risks: [
        buildRisk('P2P-001', ['vendor-maintenance', 'payment-release']),
        buildRisk('P2P-009', ['payment-release'], {
          scope: { kinds: ['human'] },
        }),
      ],
    }),
    policyTests: [],
  };
}

function data(fields: Partial<HtmlReportData> = {}): HtmlReportData {
  const cat = catalogue();
  return {
    title: 'Report',
    generatedFrom: { version: '0.1.0', commit: 'abc123' },
    trends: [
      {
        metric: 'Roles',
        points: [
          { label: 'a1', value: 1 },
          { label: 'b2', value: 3 },
        ],
      },
    ],
    roles: cat.roles,
    sod: computeSodMatrix(cat),
    findings: [
      {
        code: 'drift.unexplained',
        severity: 'warning',
        message: 'u1 holds sap:F110',
        file: 'roles/x.yaml',
        line: 3,
      },
    ],
    ...fields,
  };
}

describe('computeSodMatrix', () => {
  it('marks the functions of each risk a role grants, by audience', () => {
    const matrix = computeSodMatrix(catalogue());
    expect(matrix.roles).toEqual(['ap-clerk', 'payer', 'vendor-payer']);
    expect(matrix.risks.map((r) => r.id)).toEqual(['P2P-001', 'P2P-009']);
    expect(matrix.cells).toEqual([
      { risk: 'P2P-001', role: 'ap-clerk', functions: ['vendor-maintenance'] },
      { risk: 'P2P-001', role: 'payer', functions: ['payment-release'] },
      // P2P-009 is for people only, so the machine role is not in it.
      {
        risk: 'P2P-001',
        role: 'vendor-payer',
        functions: ['vendor-maintenance', 'payment-release'],
      },
      { risk: 'P2P-009', role: 'vendor-payer', functions: ['payment-release'] },
    ]);
  });
});

describe('renderHtmlReport', () => {
  it('indexes every role with a link to its card', () => {
    const html = renderHtmlReport(data());
    const rows = html.match(/<tr data-testid="role-index-row"[^]*?<\/tr>/g);
    expect(rows).toHaveLength(3);
    expect(rows?.[1]).toContain('href="#role-payer"');
    expect(rows?.[1]).toContain('<td>machine</td>');
    expect(rows?.[1]).toContain('<td class="num">1</td>');
    expect(html).toContain('id="role-payer"');
  });

  it('escapes catalogue content everywhere', () => {
    const cat = catalogue();
    const [first] = cat.roles;
    if (first === undefined) throw new Error('no role');
    first.role.title = HOSTILE;
    first.role.description = `"><img src=x onerror=alert(1)>`;
    first.role.owners = [HOSTILE];
    first.role.evidence = {
      data: { date: HOSTILE, sources: [{ file: HOSTILE, sha256: HOSTILE }] },
    };
    const html = renderHtmlReport(
      data({
        title: HOSTILE,
        roles: cat.roles,
        trends: [{ metric: HOSTILE, points: [{ label: HOSTILE, value: 1 }] }],
        findings: [
          { code: HOSTILE, severity: 'error', message: HOSTILE, file: HOSTILE },
        ],
        sod: {
          risks: [{ id: HOSTILE, title: HOSTILE, functions: [HOSTILE] }],
          roles: [HOSTILE],
          cells: [{ risk: HOSTILE, role: HOSTILE, functions: [HOSTILE] }],
        },
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('refers to nothing outside the file', () => {
    const html = renderHtmlReport(data());
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^#/);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('default-src &#39;none&#39;');
  });

  it('shows role cards, the SoD matrix and findings', () => {
    const html = renderHtmlReport(data());
    expect(html).toContain('data-role-id="vendor-payer"');
    expect(html).toMatch(
      /data-risk="P2P-001" data-role="vendor-payer" class="toxic"/,
    );
    expect(html).toContain('<code>roles/x.yaml:3</code>');
    expect(html).toContain('<caption>');
  });

  it('shows the key evidence figures of a mined role', () => {
    const cat = catalogue();
    const [first] = cat.roles;
    if (first === undefined) throw new Error('no role');
    first.role.evidence = {
      data: {
        date: '2026-11-25',
        sources: [{ file: 'hr/a.csv', sha256: 'ab'.repeat(32) }],
      },
      statistics: {
        members: {
          count: 6,
          coverage: 0.947,
          purity: [
            { attribute: 'department', value: 'Finance', share: 0.833 },
            { attribute: 'title', value: 'Clerk', share: 1 },
          ],
        },
      },
    };
    const html = renderHtmlReport(data({ roles: cat.roles }));
    expect(html).toContain('title = Clerk (100%)');
    expect(html).toContain('95%');
    expect(html).toContain('2026-11-25');
    expect(html).toContain(`sha256:${'ab'.repeat(32)}`);
  });
});

describe('renderLineChart', () => {
  it('draws axes, labels and a line for several points', () => {
    const svg = renderLineChart(
      {
        metric: 'WSC',
        points: [
          { label: 'c1', value: 2 },
          { label: 'c2', value: 4 },
          { label: 'c3', value: 3 },
        ],
      },
      'chart-0',
    );
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<title id="chart-0-title">WSC over the last 3/);
    expect(svg).toMatch(/<path class="line" d="M[\d. ]+L[\d. ]+L[\d. ]+"/);
    expect(svg).toContain('>c1</text>');
    expect(svg).toContain('>4</text>');
    expect(svg.match(/<line class="axis"/g)).toHaveLength(2);
  });

  it('draws one point as a marker without a line', () => {
    const svg = renderLineChart(
      { metric: 'Roles', points: [{ label: 'c1', value: 5 }] },
      'c',
    );
    expect(svg).not.toContain('<path');
    expect(svg.match(/<circle/g)).toHaveLength(1);
    expect(svg).toContain('c1: 5');
    expect(svg).not.toContain('NaN');
  });

  it('says so when there are no points', () => {
    const svg = renderLineChart({ metric: 'Roles', points: [] }, 'c');
    expect(svg).toContain('No history to chart');
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain('NaN');
  });

  it('gives counts a whole middle tick', () => {
    const svg = renderLineChart(
      {
        metric: 'Memberships',
        points: [
          { label: 'a', value: 0 },
          { label: 'b', value: 8691 },
        ],
      },
      'c',
    );
    expect(svg).toContain('>4346</text>');
    expect(svg).not.toContain('4345.5');
  });

  it('labels the newest commit without overprinting the one before', () => {
    expect(xLabelIndices(13)).toEqual([0, 3, 6, 9, 12]);
    expect(xLabelIndices(16)).toEqual([0, 3, 6, 9, 12, 15]);
    expect(xLabelIndices(14)).toEqual([0, 3, 6, 9, 13]);
    expect(xLabelIndices(1)).toEqual([0]);
    expect(xLabelIndices(2)).toEqual([0, 1]);
    expect(xLabelIndices(0)).toEqual([]);
  });

  it('keeps a flat series of zeros inside the plot', () => {
    const svg = renderLineChart(
      {
        metric: 'Exceptions',
        points: [
          { label: 'a', value: 0 },
          { label: 'b', value: 0 },
        ],
      },
      'c',
    );
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });
});

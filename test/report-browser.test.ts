import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { sodPolicy } from './helpers/sod-policy.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';

/** Debian's chromium, which `.ci/run` installs; never a downloaded build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = resolve('test-artifacts/report.png');

const policy = sodPolicy('warn');

const role = (id: string, title: string, entitlements: string[], extra = '') =>
  `id: ${id}
title: ${title}
description: Enters vendor invoices and looks up vendors.
audience: human
owners: ['@acme/finance']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [u1, u2]
review:
  next_review: 2027-06-01
labels: [finance]
${extra}`;

const evidence = `evidence:
  format: 1
  data:
    date: 2026-11-25
    sources:
      - source: pairs
        file: access.txt
        sha256: ${'c'.repeat(64)}
  statistics:
    members:
      count: 2
      purity:
        - attribute: title
          value: AP Clerk
          count: 2
          share: 1
      coverage: 0.9
  confidence: 0.8
`;

describe('the HTML report in a real browser', () => {
  let repo: TempRepo | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Without chromium the test below fails with the reason; launching
    // here would fail the hook instead, which reports the test as skipped.
    if (existsSync(CHROMIUM)) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // CI runs as root, where Chromium's sandbox cannot start.
        args: ['--no-sandbox'],
      });
    }
    const made = await createTempRepo({
      'policies/sod.yaml': policy,
      'roles/ap-clerk.yaml': role('ap-clerk', 'AP clerk', ['sap:FB60']),
    });
    repo = made;
    await made.commit('Add the vendor steward', {
      'roles/vendor-steward.yaml': role('vendor-steward', 'Vendor steward', [
        'sap:XK01',
      ]),
    });
    await made.commit('Mine the AP clerk', {
      'roles/ap-clerk.yaml': role(
        'ap-clerk',
        'Accounts payable clerk',
        ['sap:FB60', 'sap:F110'],
        evidence,
      ),
    });
    // u3 holds a payment right that no role grants: one drift finding.
    await made.write({
      'access.txt':
        'u1 sap:FB60\nu1 sap:F110\nu2 sap:FB60\nu2 sap:F110\nu3 sap:F110\n',
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await repo?.remove();
  });

  it('shows trends, role cards, the SoD matrix and findings', async () => {
    // Fail, never skip: CI installs chromium, and a silent skip would let
    // the report go untested.
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: the report's browser test needs Debian's chromium (apt-get install chromium), or CHROMIUM_PATH set to a Chromium binary`,
      );
    }
    if (repo === undefined || browser === undefined) {
      throw new Error('the test setup failed (see beforeAll)');
    }
    const out = join(repo.dir, 'out', 'report.html');
    const result = await runRolesmith(
      ['report', '--inventory', 'access.txt', '-o', 'out/report.html'],
      repo.dir,
    );
    expect(result.stderr).not.toMatch(/error|✖/i);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(out);
    expect(await readFile(out, 'utf8')).toContain('<!DOCTYPE html>');

    const page = await browser.newPage({
      viewport: { width: 1200, height: 900 },
    });
    const leaving: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) {
        await route.continue();
        return;
      }
      leaving.push(url);
      await route.abort();
    });
    await page.goto(pathToFileURL(out).href);

    await expect
      .poll(() => page.getByTestId('report-title').textContent())
      .toBe('Role catalogue report');

    // Role card: title, id, summary and evidence figures.
    const card = page.locator(
      '[data-testid="role-card"][data-role-id="ap-clerk"]',
    );
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('Accounts payable clerk');
    expect(cardText).toContain('Enters vendor invoices');
    expect(cardText).toContain('title = AP Clerk (100%)');
    expect(cardText).toContain('2026-11-25');
    expect(cardText).toContain(`sha256:${'c'.repeat(64)}`);
    expect(await page.getByTestId('role-card').count()).toBe(2);
    expect(await card.getByTestId('role-entitlements').textContent()).toContain(
      'sap:FB60',
    );

    // The index lists every role and its link lands on the card.
    expect(await page.getByTestId('role-index-row').count()).toBe(2);
    await page
      .locator('[data-testid="role-index-row"][data-role-id="ap-clerk"] a')
      .click();
    expect(new URL(page.url()).hash).toBe('#role-ap-clerk');
    await expect.poll(() => card.isVisible()).toBe(true);

    // SoD matrix: the clerk now pays, the steward maintains vendors.
    const cell = (role: string) =>
      page.locator(
        `[data-testid="sod-cell"][data-risk="P2P-001"][data-role="${role}"]`,
      );
    expect(await cell('ap-clerk').textContent()).toContain('payment-release');
    expect(await cell('vendor-steward').textContent()).toContain(
      'vendor-maintenance',
    );

    // Findings: the drift of u3's payment right.
    const drift = page.locator(
      '[data-testid="finding-row"][data-code="drift.unexplained"]',
    );
    expect(await drift.count()).toBeGreaterThan(0);
    expect(await drift.first().textContent()).toContain('u3');

    // Every chart drew a line through its three commits.
    const charts = page.locator('svg[data-testid^="chart-"]');
    expect(await charts.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const chart = charts.nth(i);
      const svgBox = await chart.boundingBox();
      expect(svgBox?.width).toBeGreaterThan(0);
      expect(svgBox?.height).toBeGreaterThan(0);
      // The browser's layout of the drawn path, not the markup: a path
      // with bad coordinates would have no box or an empty one.
      const lineBox = await chart.locator('path.line').boundingBox();
      expect(lineBox?.width).toBeGreaterThan(0);
      expect(await chart.locator('circle.point').count()).toBe(3);
    }
    // The roles chart rises from 1 to 2: its line is not flat either.
    const rolesLine = await charts.first().locator('path.line').boundingBox();
    expect(rolesLine?.height).toBeGreaterThan(0);

    expect(leaving).toEqual([]);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });

  it('charts only the last --history commits', async () => {
    if (repo === undefined) throw new Error('the test setup failed');
    const result = await runRolesmith(
      ['report', '--history', '2', '-o', 'two.html'],
      repo.dir,
    );
    expect(result.code).toBe(0);
    const html = await readFile(join(repo.dir, 'two.html'), 'utf8');
    expect(html).toContain('Roles over the last 2 catalogue changes');
    expect(html.match(/<circle class="point"/g)).toHaveLength(2 * 6);
  });

  it('refuses a --history that is not a count', async () => {
    if (repo === undefined) throw new Error('the test setup failed');
    const result = await runRolesmith(['report', '--history', '0'], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--history "0"');
  });

  it('reports a catalogue outside git without trends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolesmith-nogit-'));
    try {
      await mkdir(join(dir, 'roles'));
      await writeFile(
        join(dir, 'roles', 'ap-clerk.yaml'),
        role('ap-clerk', '<script>alert(1)</script>', ['sap:FB60']),
      );
      const result = await runRolesmith(['report'], dir);
      expect(result.code).toBe(0);
      const html = await readFile(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('No git history of roles/ or exceptions/');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

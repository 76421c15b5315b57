import { placeFindings, readCatalogue } from '../catalogue/index.ts';
import type { ReadCatalogueResult } from '../catalogue/index.ts';
import type { CatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import { computeCatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import { DEFAULT_UNUSED_DAYS, evaluateDrift } from '../checks/drift.ts';
import type { LoggedCommit } from '../gitops/git-log.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Logger } from '../logger.ts';
import type { Finding, Inventory } from '../model/index.ts';
import { compareFindings, dataDateOf } from '../model/index.ts';
import type { HtmlReportData, TrendSeries } from '../report/html/index.ts';
import { computeSodMatrix } from '../report/html/index.ts';
import { checkCatalogue } from './check-run.ts';
import { rolesmithVersion } from './version.ts';

/** The folders whose changes move the measures; policies do not. */
export const TREND_PATHS = ['roles', 'exceptions'] as const;

/** The measures charted, in the order a reviewer reads them. */
const SERIES: { metric: string; value: (m: CatalogueMetrics) => number }[] = [
  { metric: 'Roles', value: (m) => m.roles },
  { metric: 'Role memberships |UA|', value: (m) => m.ua },
  { metric: 'Role grants |PA|', value: (m) => m.pa },
  { metric: 'Weighted structural complexity (WSC)', value: (m) => m.wsc },
  { metric: 'Direct exceptions', value: (m) => m.exceptions },
  {
    metric: 'Roles per identity (mean)',
    value: (m) => Math.round(m.rolesPerIdentity.mean * 100) / 100,
  },
];

export interface ReportDataOptions {
  /** The catalogue folder (absolute). */
  dir: string;
  /**
   * Read the catalogue at this commit (git objects, never a checkout);
   * without it, the working tree as `rolesmith check` reads it.
   */
  at?: string;
  /** The commit named in the report's provenance. */
  commit?: string;
  /** The commits to chart, oldest first; undefined outside git. */
  trendCommits: readonly LoggedCommit[] | undefined;
  inventory?: Inventory;
  /** The day the catalogue's dates are judged on. */
  today: string;
  logger: Logger;
}

/**
 * Everything the HTML report shows, gathered once for `rolesmith report`
 * (working tree) and `rolesmith audit --export` (a commit), so that both
 * pages hold the same figures for the same catalogue.
 */
export async function gatherReportData(
  options: ReportDataOptions,
): Promise<HtmlReportData> {
  const { dir, inventory, today, logger } = options;
  const { read, findings } = await readAndCheck(options);
  const dataDate = inventory === undefined ? undefined : dataDateOf(inventory);
  const drift =
    inventory === undefined || dataDate === undefined
      ? []
      : evaluateDrift(read.catalogue, inventory, {
          unusedDays: DEFAULT_UNUSED_DAYS,
          dataDate,
          today,
        });
  return {
    title: 'Role catalogue report',
    generatedFrom: {
      version: rolesmithVersion(),
      ...(options.commit !== undefined && { commit: options.commit }),
      ...(dataDate !== undefined && { dataDate }),
    },
    trends: await measureTrends(dir, options.trendCommits, inventory, logger),
    roles: read.catalogue.roles,
    sod: computeSodMatrix(read.catalogue),
    // Drift findings point at role files and exception entries; place
    // them on lines like the check findings, so both read the same.
    findings: [...findings, ...placeFindings(drift, read.sources)].sort(
      compareFindings,
    ),
  };
}

async function readAndCheck(
  options: ReportDataOptions,
): Promise<{ read: ReadCatalogueResult; findings: Finding[] }> {
  const { dir, inventory, today, logger } = options;
  // A commit has no base to be judged by: its own rules apply, as
  // `rolesmith check` without --base would apply them on that checkout.
  const run = await checkCatalogue({
    dir,
    today,
    logger,
    ...(options.at !== undefined && {
      tree: await createGitTree(dir, options.at),
    }),
    ...(inventory !== undefined && { inventory }),
  });
  return { read: run.current, findings: run.placed };
}

/**
 * The measures at each commit, read from git objects (never a checkout).
 * Each commit is measured on its own date, so exceptions count while they
 * were in force.
 */
export async function measureTrends(
  dir: string,
  commits: readonly LoggedCommit[] | undefined,
  inventory: Inventory | undefined,
  logger: Logger,
): Promise<TrendSeries[]> {
  if (commits === undefined) {
    logger.warn('not a git repository with commits: no trends to chart');
    return [];
  }
  const measured: { label: string; metrics: CatalogueMetrics }[] = [];
  for (const entry of commits) {
    const tree = await createGitTree(dir, entry.commit);
    const read = await readCatalogue({ grants: tree, rules: tree });
    if (read.findings.length > 0) {
      logger.debug('catalogue findings at commit', {
        commit: entry.commit,
        findings: read.findings.length,
      });
    }
    measured.push({
      label: entry.commit.slice(0, 7),
      metrics: computeCatalogueMetrics(read.catalogue, {
        today: entry.date,
        ...(inventory !== undefined && { inventory }),
      }),
    });
  }
  return SERIES.map(({ metric, value }) => ({
    metric,
    points: measured.map((m) => ({ label: m.label, value: value(m.metrics) })),
  }));
}

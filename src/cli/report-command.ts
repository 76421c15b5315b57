import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { placeFindings, readCatalogue } from '../catalogue/index.ts';
import type { CatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import { computeCatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import { DEFAULT_UNUSED_DAYS, evaluateDrift } from '../checks/drift.ts';
import { EXIT, RolesmithError, usageError } from '../errors.ts';
import { listCatalogueCommits, headCommit } from '../gitops/git-log.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { Inventory } from '../model/index.ts';
import { compareFindings, dataDateOf } from '../model/index.ts';
import type { TrendSeries } from '../report/html/index.ts';
import { computeSodMatrix, renderHtmlReport } from '../report/html/index.ts';
import { checkCatalogue } from './check-run.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const DEFAULT_HISTORY = 20;
const DEFAULT_OUTPUT = 'report.html';
/** The folders whose changes move the measures; policies do not. */
const TREND_PATHS = ['roles', 'exceptions'];

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

/**
 * `rolesmith report [dir]`: one self-contained HTML page for a reviewer
 * without a command line: trends from git history, role cards, the SoD
 * matrix, and check and drift findings.
 */
export async function runReport(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `report takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith report [dir] [-o report.html]',
    );
  }
  const dir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
  if ((await stat(dir).catch(() => undefined))?.isDirectory() !== true) {
    throw new RolesmithError(`${dir} is not a folder`, {
      code: 'input',
      expected: 'the catalogue folder (the parent of roles/)',
    });
  }
  const inventory = await readInventoryOption(options.inventories, ctx);

  const run = await checkCatalogue({
    dir,
    today: options.today,
    logger: ctx.logger,
    ...(inventory !== undefined && { inventory }),
  });
  const { catalogue } = run.current;
  const dataDate = inventory === undefined ? undefined : dataDateOf(inventory);
  const drift =
    inventory === undefined || dataDate === undefined
      ? []
      : evaluateDrift(catalogue, inventory, {
          unusedDays: DEFAULT_UNUSED_DAYS,
          dataDate,
          today: options.today,
        });

  const commit = await headCommit(dir);
  const html = renderHtmlReport({
    title: 'Role catalogue report',
    generatedFrom: {
      version: rolesmithVersion(),
      ...(commit !== undefined && { commit }),
      ...(dataDate !== undefined && { dataDate }),
    },
    trends: await computeTrends(ctx, dir, options.history, inventory),
    roles: catalogue.roles,
    sod: computeSodMatrix(catalogue),
    // Drift findings point at role files and exception entries; place
    // them on lines like the check findings, so both read the same.
    findings: [
      ...run.placed,
      ...placeFindings(drift, run.current.sources),
    ].sort(compareFindings),
  });
  const path = resolve(ctx.cwd, options.output);
  await writeFileAtomic(path, html);
  ctx.out(`${path}\n`);
  return EXIT.ok;
}

/**
 * The measures at each of the newest commits that changed roles or
 * exceptions, read from git objects (never a checkout). Each commit is
 * measured on its own date, so exceptions count while they were in force.
 */
async function computeTrends(
  ctx: CommandContext,
  dir: string,
  limit: number,
  inventory: Inventory | undefined,
): Promise<TrendSeries[]> {
  const commits = await listCatalogueCommits(dir, {
    paths: TREND_PATHS,
    limit,
  });
  if (commits === undefined) {
    ctx.logger.warn('not a git repository with commits: no trends to chart');
    return [];
  }
  const measured: { label: string; metrics: CatalogueMetrics }[] = [];
  for (const entry of commits) {
    const tree = await createGitTree(dir, entry.commit);
    const read = await readCatalogue({ grants: tree, rules: tree });
    if (read.findings.length > 0) {
      ctx.logger.debug('catalogue findings at commit', {
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

interface ReportOptions {
  inventories: string[];
  output: string;
  history: number;
  today: string;
}

function parseOptions(ctx: CommandContext): ReportOptions {
  const today = stringOption(ctx.values, 'today') ?? ctx.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw usageError(
      `--today "${today}" is not a date`,
      'YYYY-MM-DD, e.g. 2026-12-03',
    );
  }
  const historyText = stringOption(ctx.values, 'history');
  const history =
    historyText === undefined ? DEFAULT_HISTORY : Number(historyText);
  if (!Number.isInteger(history) || history < 1) {
    throw usageError(
      `--history "${historyText ?? ''}" is not a number of commits`,
      'a whole number, at least 1 (default 20)',
    );
  }
  return {
    inventories: stringList(ctx.values, 'inventory'),
    output: stringOption(ctx.values, 'output') ?? DEFAULT_OUTPUT,
    history,
    today,
  };
}

async function readInventoryOption(
  specs: string[],
  ctx: CommandContext,
): Promise<Inventory | undefined> {
  if (specs.length === 0) return undefined;
  const read = await readInventories(specs, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  return read.inventory;
}

import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { EXIT, usageError } from '../errors.ts';
import { listCatalogueCommits, headCommit } from '../gitops/git-log.ts';
import { renderHtmlReport } from '../report/html/index.ts';
import { catalogueFolder, readInventoryOption } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { gatherReportData, TREND_PATHS } from './report-data.ts';
import { stringList, stringOption } from './values.ts';

const DEFAULT_HISTORY = 20;
const DEFAULT_OUTPUT = 'report.html';

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
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  const inventory = await readInventoryOption(options.inventories, ctx);

  const commits = await listCatalogueCommits(dir, {
    paths: TREND_PATHS,
    limit: options.history,
  });
  const commit = await headCommit(dir);
  const html = renderHtmlReport(
    await gatherReportData({
      dir,
      ...(commit !== undefined && { commit }),
      trendCommits: commits,
      today: options.today,
      logger: ctx.logger,
      ...(inventory !== undefined && { inventory }),
    }),
  );
  const path = resolve(ctx.cwd, options.output);
  await writeFileAtomic(path, html);
  ctx.out(`${path}\n`);
  return EXIT.ok;
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

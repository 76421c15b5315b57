import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { EXIT, usageError } from '../errors.ts';
import { computeMetrics } from '../evidence/metrics.ts';
import type { MetricsReport } from '../evidence/metrics.ts';
import { readGitHistory } from '../gitops/git-history.ts';
import { renderMetricsMarkdown } from '../report/metrics-markdown.ts';
import { renderMetricsText } from '../report/metrics-text.ts';
import { catalogueFolder, readInventoryOption } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { githubProposals } from './metrics-github.ts';
import { forgeProposals, mergedProposals } from './metrics-offline.ts';
import { readSnapshots } from './metrics-snapshots.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type MetricsFormat = (typeof FORMATS)[number];
const DEFAULT_LIMIT = 50;
const PREFIX = 'rolesmith/';

interface MetricsOptions {
  branch: string;
  prefix: string;
  limit: number;
  inventories: string[];
  format: MetricsFormat;
  output?: string;
  packSeconds?: number;
}

/** `rolesmith metrics [dir]`: whether role mining helps, as a trend. */
export async function runMetrics(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `metrics takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith metrics [dir] [--branch main] [--limit N] [--repo owner/name]',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  const inventory = await readInventoryOption(options.inventories, ctx);
  const history = await readGitHistory(dir, { branch: options.branch });
  const window = history.commits.slice(-options.limit);
  // GitHub first: a repository it does not show fails before the
  // history is read commit by commit.
  const scope = { branch: options.branch, prefix: options.prefix };
  const github = await githubProposals(ctx, dir, history, scope, inventory);
  const { snapshots, reads } = await readSnapshots(dir, window, inventory);
  let proposals = github?.proposals;
  if (proposals === undefined) {
    const merged = mergedProposals(history, options.prefix);
    const forge = await forgeProposals(
      dir,
      history,
      merged,
      inventory,
      ctx.logger,
    );
    proposals = [...merged, ...forge];
  }
  const report = computeMetrics({
    snapshots,
    proposals,
    branchPrefix: options.prefix,
    ...(github !== undefined && {
      approvalsRead: true,
      notes: [github.source],
    }),
    ...(inventory !== undefined && { inventory }),
    ...(options.packSeconds !== undefined && {
      packSeconds: options.packSeconds,
    }),
  });
  ctx.logger.debug('metrics computed', {
    commits: window.length,
    read: reads,
    proposals: proposals.length,
  });
  const text = render(report, options.branch, options.format);
  if (options.output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, options.output), text);
  return EXIT.ok;
}

function parseOptions(ctx: CommandContext): MetricsOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${FORMATS.join(', ')}`,
    );
  }
  const limitText = stringOption(ctx.values, 'limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) {
    throw usageError(
      `--limit "${limitText ?? ''}" is not a number of commits`,
      `a whole number, at least 1 (default ${DEFAULT_LIMIT})`,
    );
  }
  const packText = stringOption(ctx.values, 'pack-seconds');
  const packSeconds = packText === undefined ? undefined : Number(packText);
  if (
    packSeconds !== undefined &&
    (!Number.isFinite(packSeconds) || packSeconds < 0)
  ) {
    throw usageError(
      `--pack-seconds "${packText ?? ''}" is not a duration`,
      'seconds, e.g. 12.5',
    );
  }
  const prefix = stringOption(ctx.values, 'branch-prefix') ?? PREFIX;
  if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(prefix)) {
    throw usageError(
      `--branch-prefix "${prefix}" is not a branch prefix`,
      `e.g. ${PREFIX}`,
    );
  }
  const output = stringOption(ctx.values, 'output');
  return {
    branch: stringOption(ctx.values, 'branch') ?? 'main',
    prefix,
    limit,
    inventories: stringList(ctx.values, 'inventory'),
    format: format as MetricsFormat,
    ...(output !== undefined && { output }),
    ...(packSeconds !== undefined && { packSeconds }),
  };
}

function render(
  report: MetricsReport,
  branch: string,
  format: MetricsFormat,
): string {
  switch (format) {
    case 'json': {
      const tool = { name: 'rolesmith', version: rolesmithVersion() };
      return `${JSON.stringify({ tool, branch, ...report }, null, 2)}\n`;
    }
    case 'markdown':
      return renderMetricsMarkdown(report, branch);
    case 'text':
      return renderMetricsText(report, branch);
  }
}

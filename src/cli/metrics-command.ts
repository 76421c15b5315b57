import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { readCatalogue } from '../catalogue/index.ts';
import { evaluateCatalogue } from '../checks/evaluate.ts';
import { EXIT, usageError } from '../errors.ts';
import type { GitHistory, HistoryCommit } from '../evidence/audit-types.ts';
import { computeMetrics, sodKeys } from '../evidence/metrics.ts';
import type {
  MetricsReport,
  MetricsSnapshot,
  ProposalRecord,
} from '../evidence/metrics.ts';
import {
  parseMergeSubject,
  readGitHistory,
  resolveRef,
} from '../gitops/git-history.ts';
import { openRepo } from '../gitops/git-repo.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Logger } from '../logger.ts';
import type { Inventory } from '../model/index.ts';
import { renderMetricsMarkdown } from '../report/metrics-markdown.ts';
import { renderMetricsText } from '../report/metrics-text.ts';
import { catalogueFolder, readInventoryOption } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type MetricsFormat = (typeof FORMATS)[number];
const DEFAULT_LIMIT = 50;
const PREFIX = 'rolesmith/';

interface MetricsOptions {
  branch: string;
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
      'rolesmith metrics [dir] [--branch main] [--limit N]',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  const inventory = await readInventoryOption(options.inventories, ctx);
  const history = await readGitHistory(dir, { branch: options.branch });
  const window = history.commits.slice(-options.limit);
  const { snapshots, reads } = await readSnapshots(dir, window, inventory);
  const proposals = [
    ...mergedProposals(history),
    ...(await forgeProposals(dir, history, inventory, ctx.logger)),
  ];
  const report = computeMetrics({
    snapshots,
    proposals,
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
  const output = stringOption(ctx.values, 'output');
  return {
    branch: stringOption(ctx.values, 'branch') ?? 'main',
    limit,
    inventories: stringList(ctx.values, 'inventory'),
    format: format as MetricsFormat,
    ...(output !== undefined && { output }),
    ...(packSeconds !== undefined && { packSeconds }),
  };
}

/**
 * The catalogue and its findings at each commit, read from git objects.
 * A commit that changed nothing under roles/, policies/ or exceptions/
 * has the same catalogue as its parent, so it reuses the parent's reading
 * instead of parsing and evaluating every file again.
 */
async function readSnapshots(
  dir: string,
  commits: readonly HistoryCommit[],
  inventory: Inventory | undefined,
): Promise<{ snapshots: MetricsSnapshot[]; reads: number }> {
  const snapshots: MetricsSnapshot[] = [];
  let reads = 0;
  let previous: MetricsSnapshot | undefined;
  for (const commit of commits) {
    const via: MetricsSnapshot['via'] =
      commit.parents.length > 1 ? 'merge' : 'direct';
    const base = { commit: commit.sha, date: commit.committer.date, via };
    if (previous !== undefined && commit.changes.length === 0) {
      previous = { ...previous, ...base };
    } else {
      const read = await evaluateAt(
        dir,
        commit.sha,
        commit.committer.date,
        inventory,
      );
      previous = { ...base, ...read };
      reads++;
    }
    snapshots.push(previous);
  }
  return { snapshots, reads };
}

async function evaluateAt(
  dir: string,
  commit: string,
  date: string,
  inventory: Inventory | undefined,
): Promise<Pick<MetricsSnapshot, 'catalogue' | 'findings'>> {
  const tree = await createGitTree(dir, commit);
  const { catalogue } = await readCatalogue({ grants: tree, rules: tree });
  const findings = evaluateCatalogue(catalogue, {
    today: date.slice(0, 10),
    ...(inventory !== undefined && { inventory }),
  });
  return { catalogue, findings };
}

/**
 * Every merge of a proposal branch into the branch, over the whole
 * history: acceptance is a running total, not a property of the window.
 */
function mergedProposals(history: GitHistory): ProposalRecord[] {
  return history.commits.flatMap((commit): ProposalRecord[] => {
    if (commit.parents.length < 2) return [];
    const branch =
      commit.merge?.branch ?? parseMergeSubject(commit.subject).branch;
    if (branch?.startsWith(PREFIX) !== true) return [];
    const commits = commit.merge?.commits ?? [];
    const openedAt = commits[0]?.author.date;
    const roles = commits.flatMap((c) =>
      c.trailers
        .filter((t) => t.key === 'Rolesmith-Roles')
        .flatMap((t) => t.value.split(/[\s,]+/).filter((r) => r !== '')),
    );
    return [
      {
        branch,
        state: 'merged',
        ...(openedAt !== undefined && { openedAt }),
        mergedAt: commit.committer.date,
        roles: [...new Set(roles)].sort(),
      },
    ];
  });
}

interface ForgeRecord {
  head?: unknown;
  state?: unknown;
  supersededBy?: unknown;
}

/**
 * Closed and open proposals of the local forge. A superseded proposal
 * was replaced by another, not rejected, so it is left out; one whose
 * branch was merged is already counted from the merge commit. A closed
 * proposal whose branch is still here is evaluated at its head, so that
 * the SoD findings it would have brought can be counted as caught.
 */
async function forgeProposals(
  dir: string,
  history: GitHistory,
  inventory: Inventory | undefined,
  logger: Logger,
): Promise<ProposalRecord[]> {
  const gitDir = await (await openRepo(dir)).gitDir();
  const folder = join(gitDir, 'rolesmith', 'proposals');
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json'))
    .sort();
  const merged = new Set(mergedProposals(history).map((p) => p.branch));
  const records: ProposalRecord[] = [];
  for (const name of names) {
    const meta = await readForgeRecord(join(folder, name));
    if (meta === undefined) {
      logger.warn('skipping an unreadable local forge proposal', {
        file: name,
      });
      continue;
    }
    if (typeof meta.head !== 'string' || merged.has(meta.head)) continue;
    if (meta.supersededBy !== undefined) continue;
    if (meta.state === 'open') {
      records.push({ branch: meta.head, state: 'open', roles: [] });
      continue;
    }
    if (meta.state !== 'closed') continue;
    const record: ProposalRecord = {
      branch: meta.head,
      state: 'closed',
      roles: [],
    };
    const head = await resolveRef(dir, meta.head).catch(() => undefined);
    if (head !== undefined) {
      const date = history.commits.at(-1)?.committer.date ?? '';
      const { findings } = await evaluateAt(dir, head, date, inventory);
      record.sodFindings = sodKeys(findings);
    }
    records.push(record);
  }
  return records;
}

/** A forge file, or undefined when it is not the JSON `propose` writes. */
async function readForgeRecord(path: string): Promise<ForgeRecord | undefined> {
  try {
    const meta: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof meta === 'object' && meta !== null ? meta : undefined;
  } catch {
    return undefined;
  }
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

import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative } from 'node:path';
import { writeEvidencePack } from '../catalogue/evidence-pack.ts';
import type { PackFile, PackManifest } from '../catalogue/evidence-pack.ts';
import { RolesmithError } from '../errors.ts';
import type { GitHistory } from '../evidence/audit.ts';
import { openRepo } from '../gitops/git-repo.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Logger } from '../logger.ts';
import { renderFindingsCsv, renderTimelinesCsv } from '../report/audit-csv.ts';
import type { AuditReport } from '../report/audit-text.ts';
import { renderHtmlReport } from '../report/html/index.ts';
import { gatherReportData, TREND_PATHS } from './report-data.ts';

/** The folders an auditor needs to judge the approved catalogue. */
const CATALOGUE_FOLDERS = ['roles', 'policies', 'exceptions'] as const;
/** As many trend points as `rolesmith report` charts by default. */
const TREND_COMMITS = 20;

/**
 * Refuses, before any work, a folder the pack would replace: writing a
 * pack clears the folder so that it matches its manifest, and a user's
 * files must never go silently. `--force` allows a non-empty folder, but
 * never one that holds the catalogue itself.
 */
export async function checkExportFolder(
  exportDir: string,
  catalogueDir: string,
  force: boolean,
): Promise<void> {
  const info = await stat(exportDir).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory()) {
    throw new RolesmithError(`--export ${exportDir} is not a folder`, {
      code: 'usage',
      expected: 'a new or empty folder for the evidence pack',
    });
  }
  if ((await readdir(exportDir)).length === 0) return;
  if (!force) {
    throw new RolesmithError(
      `--export ${exportDir} exists and is not empty; its contents would be replaced`,
      {
        code: 'usage',
        expected: 'a new or empty folder, or --force to replace what is in it',
      },
    );
  }
  const inside = relative(exportDir, catalogueDir);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new RolesmithError(
      `--export ${exportDir} holds the catalogue ${catalogueDir}; ` +
        'replacing it would delete the catalogue',
      {
        code: 'usage',
        expected: 'a folder outside the catalogue repository',
      },
    );
  }
}

export interface AuditExportInput {
  /** The catalogue folder (absolute). */
  dir: string;
  /** The pack folder (absolute), already checked. */
  exportDir: string;
  history: GitHistory;
  report: AuditReport;
  /** What `--format json` and `--format markdown` print. */
  json: string;
  markdown: string;
  /** The `--as-of` value as given, when there was one. */
  asOf?: string;
  version: string;
  logger: Logger;
}

/**
 * Writes the evidence pack of an audit: the audit as JSON, CSV and
 * Markdown, the HTML report and the catalogue files, all as of the
 * audited commit (the `--as-of` commit, or the branch's head), with a
 * manifest of their digests. Nothing in it depends on the clock or on
 * where the repository is checked out, so re-exporting the same commit
 * gives the same bytes and the same manifest digest.
 */
export async function writeAuditPack(
  input: AuditExportInput,
): Promise<PackManifest> {
  const { dir, history, report } = input;
  const head = history.commits.at(-1);
  if (head === undefined) {
    throw new RolesmithError(
      `${history.branch} has no commits: there is nothing to export`,
      { code: 'input', expected: 'a branch with at least one commit' },
    );
  }
  const commit = report.asOf?.commit ?? head.sha;
  const index = history.commits.findIndex((c) => c.sha === commit);
  const at = history.commits[index] ?? head;
  // Dates in the catalogue are judged on the day audited, not on the
  // day of the export, so that the report does not change with the clock.
  const today =
    input.asOf !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(input.asOf)
      ? input.asOf
      : at.committer.date.slice(0, 10);

  const html = renderHtmlReport(
    await gatherReportData({
      dir,
      at: commit,
      commit,
      trendCommits: trendCommits(history, index),
      today,
      logger: input.logger,
    }),
  );
  const files: PackFile[] = [
    { path: 'audit.json', content: input.json },
    { path: 'audit.md', content: input.markdown },
    { path: 'findings.csv', content: renderFindingsCsv(report.findings) },
    { path: 'report.html', content: html },
    { path: 'timelines.csv', content: renderTimelinesCsv(report) },
    ...(await catalogueFiles(dir, commit)),
  ];
  const root = (await openRepo(dir)).root;
  return writeEvidencePack(input.exportDir, files, {
    version: input.version,
    subject: {
      repository: basename(root),
      branch: history.branch,
      commit: head.sha,
      catalogue_commit: commit,
      ...(input.asOf !== undefined && { as_of: input.asOf }),
    },
  });
}

/**
 * The branch commits up to the audited one that changed roles or
 * exceptions, newest last: the same history the audit reads, so the
 * trend ends where the audit's catalogue does.
 */
function trendCommits(
  history: GitHistory,
  index: number,
): { commit: string; date: string; subject: string }[] {
  const touches = (path: string | undefined) =>
    path !== undefined && TREND_PATHS.some((p) => path.startsWith(`${p}/`));
  return history.commits
    .slice(0, index + 1)
    .filter((c) => c.changes.some((ch) => touches(ch.path) || touches(ch.from)))
    .slice(-TREND_COMMITS)
    .map((c) => ({
      commit: c.sha,
      date: c.committer.date.slice(0, 10),
      subject: c.subject,
    }));
}

/** The catalogue files at the commit, byte for byte from git objects. */
async function catalogueFiles(
  dir: string,
  commit: string,
): Promise<PackFile[]> {
  const tree = await createGitTree(dir, commit);
  const paths = (
    await Promise.all(CATALOGUE_FOLDERS.map((folder) => tree.list(folder)))
  ).flat();
  const contents = await (tree.readMany?.(paths) ??
    Promise.all(paths.map((path) => tree.read(path))));
  return paths.map((path, i) => ({
    path: `catalogue/${path}`,
    content: contents[i] ?? new Uint8Array(),
  }));
}

import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { MANIFEST } from '../catalogue/evidence-pack.ts';
import { parseExceptionsSource } from '../catalogue/exceptions-file.ts';
import { parseRoleSource } from '../catalogue/role-file.ts';
import { parseYamlFile } from '../catalogue/yaml-source.ts';
import { EXIT, RolesmithError, usageError } from '../errors.ts';
import { buildAudit, buildTimelines, versionKey } from '../evidence/audit.ts';
import type {
  FileTimeline,
  FileVersion,
  GitHistory,
} from '../evidence/audit.ts';
import {
  catalogueAt,
  pathsOf,
  whoWasEntitled,
} from '../evidence/audit-point.ts';
import type { AuditPoint } from '../evidence/audit-point.ts';
import { filesAt, readGitHistory, resolveRef } from '../gitops/git-history.ts';
import type { Severity } from '../model/index.ts';
import { atLeast } from '../model/index.ts';
import { printable } from '../report/ansi.ts';
import { renderAuditMarkdown } from '../report/audit-markdown.ts';
import type { AuditReport } from '../report/audit-text.ts';
import { renderAuditText } from '../report/audit-text.ts';
import { countOf } from '../report/plural.ts';
import { checkExportFolder, writeAuditPack } from './audit-export.ts';
import { withGithubProvenance } from './audit-github-source.ts';
import { catalogueFolder } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { failOnOption, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type AuditFormat = (typeof FORMATS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface AuditOptions {
  branch: string;
  asOf?: string;
  entitlement?: string;
  format: AuditFormat;
  output?: string;
  failOn: Severity | 'never';
  /** `--export`: the evidence pack folder, absolute. */
  exportDir?: string;
  force: boolean;
}

/** `rolesmith audit [dir]`: the catalogue's history as an audit trail. */
export async function runAudit(ctx: CommandContext): Promise<number> {
  const started = performance.now();
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `audit takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith audit [dir] [--branch main]',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  // Refused before any work: a slow history read must not end in "no".
  if (options.exportDir !== undefined) {
    await checkExportFolder(options.exportDir, dir, options.force);
  }
  const history = await readGitHistory(dir, { branch: options.branch });
  const versions = await readVersions(dir, history);
  // With --repo and GITHUB_TOKEN, GitHub's reviews
  // and checks replace the offline guesses for the pull requests it knows.
  const audit = await withGithubProvenance(
    ctx,
    dir,
    history,
    buildAudit(history, versions),
  );
  ctx.logger.debug('history read', {
    commits: history.commits.length,
    files: audit.timelines.length,
  });

  const report: AuditReport = { ...audit };
  const point = await pointOf(dir, options, history);
  if (point !== undefined) {
    const at = catalogueAt(history, audit.timelines, point);
    if (at === undefined) throw notInHistory(options, history);
    report.asOf = at;
    if (options.entitlement !== undefined) {
      const answer = whoWasEntitled(
        history,
        audit.timelines,
        versions,
        options.entitlement,
        point,
      );
      if (answer !== undefined) report.entitled = answer;
    }
  }

  if (options.exportDir !== undefined) {
    const manifest = await writeAuditPack({
      dir,
      exportDir: options.exportDir,
      history,
      report,
      json: render(report, history, 'json'),
      markdown: render(report, history, 'markdown'),
      ...(options.asOf !== undefined && { asOf: options.asOf }),
      version: rolesmithVersion(),
      logger: ctx.logger,
    });
    // The timing goes to stdout only: in the pack it would change every
    // export's bytes and manifest digest, which must be reproducible.
    const ms = Math.round(performance.now() - started);
    ctx.out(
      [
        `Evidence pack ${printable(options.exportDir)}: ` +
          `${countOf(manifest.files.length, 'file')} and ` +
          `${MANIFEST}, produced in ${ms} ms`,
        `Manifest digest (sha256): ${manifest.digest}`,
        `Verify it with: rolesmith verify ${shellWord(options.exportDir)}`,
        '',
      ].join('\n'),
    );
    // The report is still written where -o asks; stdout has the pack.
    if (options.output !== undefined) {
      const text = render(report, history, options.format);
      await writeFileAtomic(resolve(ctx.cwd, options.output), text);
    }
  } else {
    const text = render(report, history, options.format);
    if (options.output === undefined) ctx.out(text);
    else await writeFileAtomic(resolve(ctx.cwd, options.output), text);
  }
  if (options.failOn === 'never') return EXIT.ok;
  const threshold = options.failOn;
  return audit.findings.some((f) => atLeast(f, threshold))
    ? EXIT.findings
    : EXIT.ok;
}

function parseOptions(ctx: CommandContext): AuditOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${FORMATS.join(', ')}`,
    );
  }
  // Provenance findings are warnings: by default they fail the run, as
  // an audit exists to surface them.
  const failOn = failOnOption(ctx.values, 'warning');
  const asOf = stringOption(ctx.values, 'as-of');
  const entitlement = stringOption(ctx.values, 'entitlement');
  const output = stringOption(ctx.values, 'output');
  const exportDir = stringOption(ctx.values, 'export');
  const force = ctx.values.force === true;
  if (force && exportDir === undefined) {
    throw usageError('--force only applies to --export', '--export DIR');
  }
  return {
    branch: stringOption(ctx.values, 'branch') ?? 'main',
    ...(asOf !== undefined && { asOf }),
    ...(entitlement !== undefined && { entitlement }),
    ...(output !== undefined && { output }),
    ...(exportDir !== undefined && {
      exportDir: resolve(ctx.cwd, exportDir),
    }),
    force,
    format: format as AuditFormat,
    failOn,
  };
}

/**
 * The moment asked about: a day, a commit, or (for --entitlement alone)
 * the branch's head.
 */
async function pointOf(
  dir: string,
  options: AuditOptions,
  history: GitHistory,
): Promise<AuditPoint | undefined> {
  const { asOf } = options;
  if (asOf === undefined) {
    const head = history.commits.at(-1)?.sha;
    return options.entitlement === undefined || head === undefined
      ? undefined
      : { commit: head };
  }
  if (DATE.test(asOf)) {
    if (Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
      throw usageError(`--as-of "${asOf}" is not a date`, 'YYYY-MM-DD');
    }
    return { date: asOf };
  }
  return { commit: await resolveRef(dir, asOf) };
}

function notInHistory(
  options: AuditOptions,
  history: GitHistory,
): RolesmithError {
  const asOf = options.asOf ?? '';
  const first = history.commits[0]?.committer.date.slice(0, 10);
  return DATE.test(asOf)
    ? new RolesmithError(`${options.branch} had no commit yet on ${asOf}`, {
        code: 'input',
        expected: `a date on or after ${first ?? 'the first commit'}`,
      })
    : new RolesmithError(
        `${asOf} is not on the first-parent history of ${options.branch}`,
        {
          code: 'input',
          expected:
            `a commit of ${options.branch} itself (merge commits, not the ` +
            'commits of merged branches), or a date',
        },
      );
}

/**
 * Reads every role and exceptions file as each event left it, in one
 * batch, and parses it; a version that does not parse is skipped, as the
 * audit reports history, not validity (`check` does that).
 */
async function readVersions(
  dir: string,
  history: GitHistory,
): Promise<Map<string, FileVersion>> {
  const timelines: FileTimeline[] = buildTimelines(history);
  const requests = timelines
    .filter((t) => t.kind !== 'policy')
    .flatMap((timeline) => {
      const paths = pathsOf(timeline);
      return timeline.events.flatMap((event, i) => {
        const path = paths[i];
        return event.change === 'removed' || path === undefined
          ? []
          : [{ commit: event.commit, path, kind: timeline.kind }];
      });
    });
  const blobs = await filesAt(dir, requests);
  const versions = new Map<string, FileVersion>();
  requests.forEach((request, i) => {
    const bytes = blobs[i];
    if (bytes === undefined) return;
    const parsed = parseYamlFile(request.path, bytes);
    if (!parsed.ok) return;
    const version: FileVersion = {
      commit: request.commit,
      file: request.path,
    };
    if (request.kind === 'role') {
      const role = parseRoleSource(parsed.source).role;
      if (role === undefined) return;
      version.role = role;
    } else {
      version.exceptions = parseExceptionsSource(parsed.source).exceptions.map(
        (entry) => entry.exception,
      );
    }
    versions.set(versionKey(request.commit, request.path), version);
  });
  return versions;
}

/** A path as one shell word, quoted only when it needs to be. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path)
    ? path
    : `'${path.replaceAll("'", "'\\''")}'`;
}

function render(
  report: AuditReport,
  history: GitHistory,
  format: AuditFormat,
): string {
  switch (format) {
    case 'json': {
      // JSON is for tools: it carries the history the timelines came from.
      const tool = { name: 'rolesmith', version: rolesmithVersion() };
      const all = { tool, ...report, commits: history.commits };
      return `${JSON.stringify(all, null, 2)}\n`;
    }
    case 'markdown':
      return renderAuditMarkdown(report);
    case 'text':
      return renderAuditText(report);
  }
}

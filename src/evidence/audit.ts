import type { Finding } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import { versionKey } from './audit-types.ts';
import type {
  AuditFileKind,
  EvidenceSummary,
  FileTimeline,
  FileVersion,
  GitHistory,
  HistoryCommit,
  TimelineEvent,
} from './audit-types.ts';
import { personLabel, selfMerge, trailersOf, viaOf } from './audit-via.ts';

export * from './audit-types.ts';
export { personLabel } from './audit-via.ts';

/** Catalogue folders the audit follows, and the kind of file each holds. */
const FOLDERS: readonly [string, AuditFileKind][] = [
  ['roles/', 'role'],
  ['policies/', 'policy'],
  ['exceptions/', 'exception'],
];

export interface AuditResult {
  branch: string;
  /** The newest commit of the branch. */
  head: string | undefined;
  timelines: FileTimeline[];
  findings: Finding[];
}

export function kindOf(path: string): AuditFileKind | undefined {
  return FOLDERS.find(([folder]) => path.startsWith(folder))?.[1];
}

/** `roles/finance/ap-clerk.yaml` → `ap-clerk`; others keep their folder. */
export function idOf(path: string): string {
  const kind = kindOf(path);
  const bare = path.replace(/\.ya?ml$/, '');
  if (kind === 'role') return bare.split('/').pop() ?? bare;
  return bare.slice(bare.indexOf('/') + 1);
}

/** The summary of a role's evidence block; undefined without one. */
export function summarizeEvidence(
  version: FileVersion | undefined,
): EvidenceSummary | undefined {
  const evidence = version?.role?.evidence;
  if (evidence === undefined) return undefined;
  const record = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const data = record(evidence.data);
  const minedBy = record(evidence.mined_by);
  const sources = Array.isArray(data?.sources) ? data.sources : [];
  const dataDate = data?.date;
  const algorithm = minedBy?.algorithm;
  return {
    ...(typeof dataDate === 'string' && { dataDate }),
    ...(typeof algorithm === 'string' && { algorithm }),
    sources: sources.flatMap((source) => {
      const s = record(source);
      const label = s?.file ?? s?.source;
      const sha = typeof s?.sha256 === 'string' ? ` sha256:${s.sha256}` : '';
      return typeof label === 'string' ? [`${label}${sha}`] : [];
    }),
  };
}

/**
 * Per-file timelines over the first-parent history, following renames:
 * a renamed file keeps its timeline under its new path.
 */
export function buildTimelines(
  history: GitHistory,
  versions: ReadonlyMap<string, FileVersion> = new Map(),
): FileTimeline[] {
  // Path → its timeline, for files present now or removed (a file
  // re-created at the same path continues the same timeline).
  const byPath = new Map<string, FileTimeline>();
  const all: FileTimeline[] = [];
  for (const commit of history.commits) {
    const base = {
      date: commit.committer.date,
      commit: commit.sha,
      via: viaOf(commit),
      trailers: trailersOf(commit),
    };
    const event = (
      file: string,
      change: TimelineEvent['change'],
      from?: string,
    ): TimelineEvent => {
      const evidence =
        change === 'removed'
          ? undefined
          : summarizeEvidence(versions.get(versionKey(commit.sha, file)));
      return {
        ...base,
        change,
        ...(from !== undefined && { from }),
        ...(evidence !== undefined && { evidence }),
      };
    };
    const timelineAt = (path: string, kind: AuditFileKind) => {
      let timeline = byPath.get(path);
      if (timeline === undefined) {
        timeline = { file: path, id: idOf(path), kind, events: [] };
        byPath.set(path, timeline);
        all.push(timeline);
      }
      return timeline;
    };
    for (const change of commit.changes) {
      const kind = kindOf(change.path);
      const fromKind =
        change.from === undefined ? undefined : kindOf(change.from);
      if (change.status === 'renamed' && change.from !== undefined) {
        // A rename across the audited folders' boundary is a removal on
        // one side and a creation on the other.
        const old =
          fromKind === undefined ? undefined : byPath.get(change.from);
        if (kind === undefined) {
          old?.events.push(event(change.from, 'removed'));
          continue;
        }
        if (old === undefined) {
          timelineAt(change.path, kind).events.push(
            event(change.path, 'created'),
          );
          continue;
        }
        byPath.delete(change.from);
        old.file = change.path;
        old.id = idOf(change.path);
        old.kind = kind;
        byPath.set(change.path, old);
        old.events.push(event(change.path, 'renamed', change.from));
        continue;
      }
      if (kind === undefined) continue;
      const timeline = timelineAt(change.path, kind);
      const what =
        change.status === 'added'
          ? 'created'
          : change.status === 'deleted'
            ? 'removed'
            : 'changed';
      timeline.events.push(event(change.path, what));
    }
  }
  return all
    .filter((t) => t.events.length > 0)
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The audited files a commit changed; one moved out is named where it was. */
export function auditedFiles(commit: HistoryCommit): string[] {
  return commit.changes.flatMap((c) =>
    kindOf(c.path) !== undefined
      ? [c.path]
      : c.from !== undefined && kindOf(c.from) !== undefined
        ? [c.from]
        : [],
  );
}

/**
 * Provenance findings that git alone can support: changes that reached
 * the branch without a merge, and merges their only author merged. A
 * squash commit (subject ending in ` (#N)`) is taken at its word, unless
 * its sha is in `unconfirmed`: GitHub was asked and knows no merged pull
 * request for it, so it is a direct change after all.
 */
export function provenanceFindings(
  history: GitHistory,
  unconfirmed: ReadonlySet<string> = new Set(),
): Finding[] {
  const findings: Finding[] = [];
  const root = history.commits[0]?.sha;
  for (const commit of history.commits) {
    const files = auditedFiles(commit);
    if (files.length === 0) continue;
    const short = commit.sha.slice(0, 7);
    const denied = unconfirmed.has(commit.sha);
    if (commit.merge === undefined && commit.squash !== undefined && !denied) {
      continue;
    }
    if (commit.merge === undefined) {
      // The first commit creates the catalogue; there was no branch to
      // merge into yet, so it is worth noting, not warning about.
      const isRoot = commit.sha === root && commit.parents.length === 0;
      const claim =
        denied && commit.squash !== undefined
          ? `; its subject names pull request #${commit.squash.pr}, but ` +
            'GitHub has no merged pull request for this commit'
          : '';
      for (const file of files) {
        findings.push({
          code: 'audit.direct-change',
          severity: isRoot ? 'note' : 'warning',
          file,
          message: isRoot
            ? `${file} was created by the repository's first commit ` +
              `${short} (${personLabel(commit.author)}), before there ` +
              'was a branch to merge into'
            : `${file} changed on ${history.branch} in ${short} ` +
              `"${commit.subject}" by ${personLabel(commit.author)}, ` +
              `not through a merge${claim}`,
          hint: 'protect the branch so that catalogue changes arrive as reviewed pull requests',
        });
      }
      continue;
    }
    const self = selfMerge(commit);
    if (self === undefined) continue;
    const what =
      commit.merge.pr === undefined
        ? `the merge ${short}`
        : `pull request #${commit.merge.pr} (merge ${short})`;
    for (const file of files) {
      findings.push({
        code: 'audit.self-merged',
        severity: 'warning',
        file,
        message:
          `${what} was merged by ${self}, the only author of its ` +
          'commits, and no Reviewed-by or Approved-by trailer names ' +
          'anyone else; offline data cannot see GitHub reviews, so ' +
          'this is an approximation',
        hint: 'require an approving review from a code owner other than the author',
      });
    }
  }
  return findings.sort(compareFindings);
}

/** Timelines and provenance findings for a branch's history. */
export function buildAudit(
  history: GitHistory,
  versions: ReadonlyMap<string, FileVersion> = new Map(),
): AuditResult {
  return {
    branch: history.branch,
    head: history.commits.at(-1)?.sha,
    timelines: buildTimelines(history, versions),
    findings: provenanceFindings(history),
  };
}

import { idOf } from './audit.ts';
import { versionKey } from './audit-types.ts';
import type {
  AuditFileKind,
  AuditVia,
  FileTimeline,
  FileVersion,
  GitHistory,
  HistoryCommit,
  TimelineEvent,
} from './audit-types.ts';

/** A moment in the branch's history: the end of a day (UTC), or a commit. */
export type AuditPoint = { date: string } | { commit: string };

export interface PresentFile {
  file: string;
  id: string;
  kind: AuditFileKind;
  /** The event that gave the file the content it had then. */
  since: TimelineEvent;
}

export interface CatalogueAt {
  /** The branch commit that was current. */
  commit: string;
  date: string;
  subject: string;
  files: PresentFile[];
}

export interface Grant {
  identity: string;
  via:
    | { kind: 'role'; role: string; file: string }
    | {
        kind: 'exception';
        file: string;
      };
  /** The earliest change since which the grant held without a break. */
  introduced: {
    commit: string;
    date: string;
    via: AuditVia;
  };
}

export interface EntitledAnswer {
  entitlement: string;
  at: CatalogueAt;
  grants: Grant[];
  /** What the offline answer leaves out. */
  note: string;
}

const DAY_MS = 86_400_000;

/** The path a timeline's file had after each event, oldest first. */
export function pathsOf(timeline: FileTimeline): string[] {
  const paths: string[] = [];
  let path = timeline.file;
  for (let i = timeline.events.length - 1; i >= 0; i--) {
    paths[i] = path;
    const from = timeline.events[i]?.from;
    if (from !== undefined) path = from;
  }
  return paths;
}

function indexOfPoint(history: GitHistory, point: AuditPoint): number {
  if ('commit' in point) {
    return history.commits.findIndex((c) => c.sha === point.commit);
  }
  const end = Date.parse(`${point.date}T00:00:00Z`) + DAY_MS;
  let found = -1;
  history.commits.forEach((commit, i) => {
    if (Date.parse(commit.committer.date) < end) found = i;
  });
  return found;
}

/**
 * The catalogue as of a date or commit: the branch commit that was current
 * and the audited files it held. Undefined before the first commit or for
 * a commit that is not on the branch's first-parent history.
 */
export function catalogueAt(
  history: GitHistory,
  timelines: readonly FileTimeline[],
  point: AuditPoint,
): CatalogueAt | undefined {
  const index = indexOfPoint(history, point);
  const commit: HistoryCommit | undefined = history.commits[index];
  if (commit === undefined) return undefined;
  const order = commitOrder(history);
  const files: PresentFile[] = [];
  for (const timeline of timelines) {
    const at = lastEventAt(timeline, order, index);
    if (at === undefined) continue;
    const since = timeline.events[at];
    const path = pathsOf(timeline)[at];
    if (since === undefined || path === undefined) continue;
    if (since.change === 'removed') continue;
    files.push({ file: path, id: idOf(path), kind: timeline.kind, since });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return {
    commit: commit.sha,
    date: commit.committer.date,
    subject: commit.subject,
    files,
  };
}

/**
 * Who held an entitlement at a point in time, through which role or
 * approved exception, and since which change. Offline, only members named
 * in `membership.identities` count: attribute criteria need the identity
 * data of that day, which git does not hold.
 */
export function whoWasEntitled(
  history: GitHistory,
  timelines: readonly FileTimeline[],
  versions: ReadonlyMap<string, FileVersion>,
  entitlement: string,
  point: AuditPoint,
): EntitledAnswer | undefined {
  const at = catalogueAt(history, timelines, point);
  if (at === undefined) return undefined;
  const index = indexOfPoint(history, point);
  const order = commitOrder(history);
  const day = at.date.slice(0, 10);
  const grants: Grant[] = [];
  for (const timeline of timelines) {
    if (timeline.kind === 'policy') continue;
    const last = lastEventAt(timeline, order, index);
    if (last === undefined) continue;
    const paths = pathsOf(timeline);
    const versionAt = (i: number) => {
      const event = timeline.events[i];
      const path = paths[i];
      if (event === undefined || path === undefined) return undefined;
      if (event.change === 'removed') return undefined;
      return versions.get(versionKey(event.commit, path));
    };
    const holders = (version: FileVersion | undefined): string[] => {
      if (version?.role !== undefined) {
        return version.role.entitlements.includes(entitlement)
          ? version.role.membership.identities
          : [];
      }
      return (version?.exceptions ?? [])
        .filter(
          (e) =>
            e.entitlement === entitlement &&
            (e.expires === undefined || e.expires >= day),
        )
        .map((e) => e.identity);
    };
    const current = versionAt(last);
    for (const identity of [...new Set(holders(current))].sort()) {
      let first = last;
      while (first > 0 && holders(versionAt(first - 1)).includes(identity)) {
        first--;
      }
      const event = timeline.events[first];
      const file = paths[last];
      if (event === undefined || file === undefined) continue;
      grants.push({
        identity,
        via:
          current?.role !== undefined
            ? { kind: 'role', role: current.role.id, file }
            : { kind: 'exception', file },
        introduced: { commit: event.commit, date: event.date, via: event.via },
      });
    }
  }
  grants.sort(
    (a, b) =>
      a.identity.localeCompare(b.identity) ||
      a.via.file.localeCompare(b.via.file),
  );
  return {
    entitlement,
    at,
    grants,
    note:
      'offline answer: explicit role members and approved exceptions only; ' +
      'attribute criteria need identity data from that day',
  };
}

function commitOrder(history: GitHistory): Map<string, number> {
  return new Map(history.commits.map((c, i) => [c.sha, i]));
}

function lastEventAt(
  timeline: FileTimeline,
  order: ReadonlyMap<string, number>,
  index: number,
): number | undefined {
  let found: number | undefined;
  timeline.events.forEach((event, i) => {
    if ((order.get(event.commit) ?? Infinity) <= index) found = i;
  });
  return found;
}

import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { RolesmithError } from '../errors.ts';
import type {
  BranchCommit,
  FileChange,
  GitHistory,
  HistoryCommit,
  MergeInfo,
  Trailer,
} from '../evidence/audit-types.ts';
import { catFileBatch } from './cat-file-batch.ts';
import { createGitTree, verifyCommit } from './git-tree.ts';

/** The folders whose history is the audit trail. */
export const AUDITED_FOLDERS = ['roles/', 'policies/', 'exceptions/'];

// Control characters that never occur in commit metadata separate the
// fields and records of git's output, so no message text can break them.
const RECORD = '\x1e';
const FIELD = '\x1f';
const TRAILER = '\x1d';

const COMMIT_FIELDS = [
  '%H',
  '%P',
  '%an',
  '%ae',
  '%aI',
  '%cn',
  '%ce',
  '%cI',
  '%s',
  '%b',
  `%(trailers:only,unfold,separator=%x1d)`,
];

// The fields read of each commit a merge brought in.
const MERGED_FIELDS = [
  '%H',
  '%an',
  '%ae',
  '%aI',
  '%s',
  '%(trailers:only,unfold,separator=%x1d)',
];

export interface ReadHistoryOptions {
  /** The branch (or any ref) whose first-parent history is read. */
  branch: string;
}

/** Opens the repository around `dir`, refusing anything that is not one. */
async function openGit(
  dir: string,
): Promise<{ git: SimpleGit; prefix: string }> {
  const git = simpleGit({ baseDir: dir });
  const inside = await git
    .raw(['rev-parse', '--is-inside-work-tree'])
    .catch(() => '');
  if (inside.trim() !== 'true') {
    throw new RolesmithError(`${dir} is not inside a git repository`, {
      code: 'git',
      expected:
        'a git clone of the catalogue; in CI fetch full history ' +
        '(actions/checkout with fetch-depth: 0)',
    });
  }
  const prefix = (await git.revparse(['--show-prefix'])).trim();
  return { git, prefix };
}

/** The commit a ref names, or a clear error when there is none. */
export async function resolveRef(dir: string, ref: string): Promise<string> {
  const { git } = await openGit(dir);
  return verifyCommit(git, ref);
}

/**
 * The first-parent history of a branch, oldest first, with each commit's
 * changes under roles/, policies/ and exceptions/ (renames detected) and,
 * for merges that touch them, the merged branch's commits. Paths are
 * relative to `dir`, which may be a sub-folder of the repository.
 */
export async function readGitHistory(
  dir: string,
  options: ReadHistoryOptions,
): Promise<GitHistory> {
  const { git } = await openGit(dir);
  const head = await verifyCommit(git, options.branch);
  // --first-parent makes merges diff against their first parent: what
  // the merge changed on the branch. No pathspec, so that every commit is
  // listed (the point-in-time questions need them all); --relative keeps
  // the diff to the opened folder.
  const out = await git.raw([
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '-z',
    '--name-status',
    '-M',
    '--relative',
    `--format=${RECORD}${COMMIT_FIELDS.join(FIELD)}${FIELD}`,
    head,
    '--',
  ]);
  const commits = out
    .split(RECORD)
    .filter((record) => record !== '')
    .map(parseRecord)
    .reverse();
  for (const commit of commits) {
    if (commit.parents.length === 1) {
      const pr = parseSquashSubject(commit.subject);
      if (pr !== undefined) commit.squash = { pr };
    }
    if (commit.parents.length < 2 || commit.changes.length === 0) continue;
    commit.merge = await mergeInfo(git, commit);
  }
  return { branch: options.branch, commits };
}

function parseRecord(record: string): HistoryCommit {
  const fields = record.split(FIELD);
  const at = (i: number) => fields[i] ?? '';
  const rest = fields.slice(COMMIT_FIELDS.length).join(FIELD);
  return {
    sha: at(0),
    parents: at(1)
      .split(' ')
      .filter((p) => p !== ''),
    author: { name: at(2), email: at(3), date: at(4) },
    committer: { name: at(5), email: at(6), date: at(7) },
    subject: at(8),
    body: at(9).trim(),
    trailers: parseTrailers(at(10)),
    changes: parseNameStatus(rest).filter(
      (change) => audited(change.path) || audited(change.from),
    ),
  };
}

function audited(path: string | undefined): boolean {
  return (
    path !== undefined &&
    AUDITED_FOLDERS.some((folder) => path.startsWith(folder))
  );
}

export function parseTrailers(text: string): Trailer[] {
  return text
    .split(TRAILER)
    .map((line) => line.trim())
    .flatMap((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0) return [];
      return [
        {
          key: line.slice(0, colon).trim(),
          value: line.slice(colon + 1).trim(),
        },
      ];
    });
}

/** `-z --name-status` output: status, path (and for R/C a second path). */
function parseNameStatus(text: string): FileChange[] {
  const parts = text.split('\0').map((part) => part.replace(/^\n/, ''));
  const changes: FileChange[] = [];
  let i = 0;
  while (i < parts.length) {
    const status = parts[i] ?? '';
    i++;
    if (status === '') continue;
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const from = parts[i] ?? '';
      const path = parts[i + 1] ?? '';
      i += 2;
      changes.push(
        letter === 'R'
          ? { status: 'renamed', path, from }
          : { status: 'added', path },
      );
      continue;
    }
    const path = parts[i] ?? '';
    i++;
    changes.push({
      status:
        letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified',
      path,
    });
  }
  return changes;
}

/** What a merge message and its second parent's side say. */
async function mergeInfo(
  git: SimpleGit,
  commit: HistoryCommit,
): Promise<MergeInfo> {
  const [first, ...others] = commit.parents;
  const out = await git.raw([
    'log',
    '--reverse',
    `--format=${RECORD}${MERGED_FIELDS.join(FIELD)}`,
    ...others,
    `^${first ?? ''}`,
    '--',
  ]);
  const commits: BranchCommit[] = out
    .split(RECORD)
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const f = record.split(FIELD);
      const at = (i: number) => (f[i] ?? '').trim();
      return {
        sha: at(0),
        author: { name: at(1), email: at(2), date: at(3) },
        subject: at(4),
        trailers: parseTrailers(f[5] ?? ''),
      };
    });
  return { ...parseMergeSubject(commit.subject), commits };
}

/**
 * GitHub's `Merge pull request #N from owner/branch` and git's
 * `Merge branch 'x'` (or `remote-tracking branch 'origin/x'`).
 */
export function parseMergeSubject(subject: string): {
  pr?: number;
  branch?: string;
} {
  const pull = /^Merge pull request #(\d+) from ([^/\s]+)\/(\S+)/.exec(subject);
  if (pull?.[1] !== undefined && pull[3] !== undefined) {
    return { pr: Number(pull[1]), branch: pull[3] };
  }
  const branch = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject);
  if (branch?.[1] !== undefined) return { branch: branch[1] };
  return {};
}

/**
 * The pull request number of GitHub's squash and rebase subjects, `Title
 * (#12)`; undefined for any other subject. Only a claim of the message:
 * anyone can write it, which is why `audit --repo` asks GitHub.
 */
export function parseSquashSubject(subject: string): number | undefined {
  const match = / \(#([1-9]\d*)\)$/.exec(subject.trimEnd());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A catalogue file as it was at a commit; path relative to `dir`. */
export async function fileAt(
  dir: string,
  commit: string,
  path: string,
): Promise<Uint8Array> {
  return (await createGitTree(dir, commit)).read(path);
}

/**
 * Many files at many commits with one `git cat-file --batch`; undefined
 * where the file did not exist.
 */
export async function filesAt(
  dir: string,
  requests: readonly { commit: string; path: string }[],
): Promise<(Uint8Array | undefined)[]> {
  if (requests.length === 0) return [];
  const { prefix } = await openGit(dir);
  return catFileBatch(
    dir,
    requests.map((r) => `${r.commit}:${prefix}${r.path}`),
  );
}

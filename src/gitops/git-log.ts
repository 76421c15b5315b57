import { simpleGit } from 'simple-git';
import { RolesmithError } from '../errors.ts';

export interface LoggedCommit {
  commit: string;
  /** Committer date, `YYYY-MM-DD`. */
  date: string;
  subject: string;
}

export interface CatalogueCommitsOptions {
  /** Folders relative to `dir`; only commits that touched one count. */
  paths: readonly string[];
  /** The newest this many commits. */
  limit: number;
}

// Fields and records are split on control characters that commit
// metadata never holds, so no subject can break the parsing.
const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * The first-parent commits of HEAD that touched `paths`, oldest first.
 * First parent only: on a main branch each such commit is one merged
 * change, which is what a trend should step through. Returns undefined
 * when `dir` is not in a git repository or HEAD has no commit yet, so
 * that a catalogue outside git still gets a report.
 */
export async function listCatalogueCommits(
  dir: string,
  options: CatalogueCommitsOptions,
): Promise<LoggedCommit[] | undefined> {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RolesmithError(`cannot list ${options.limit} commits`, {
      code: 'usage',
      expected: 'a whole number of commits, at least 1',
    });
  }
  if ((await headCommit(dir)) === undefined) return undefined;
  const out = await simpleGit({ baseDir: dir }).raw([
    'log',
    '--first-parent',
    `--max-count=${options.limit}`,
    `--format=%H${FIELD}%cs${FIELD}%s${RECORD}`,
    'HEAD',
    '--',
    // Relative to dir, which simple-git runs in; `.` stays inside it.
    ...options.paths.map((path) => `./${path}`),
  ]);
  return out
    .split(RECORD)
    .map((record) => record.trim())
    .filter((record) => record !== '')
    .map((record) => {
      const [commit = '', date = '', subject = ''] = record.split(FIELD);
      return { commit, date, subject };
    })
    .reverse();
}

/** The commit HEAD names, or undefined outside git or before a commit. */
export async function headCommit(dir: string): Promise<string | undefined> {
  const out = await simpleGit({ baseDir: dir })
    .raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
    .catch(() => '');
  const commit = out.trim();
  return commit === '' ? undefined : commit;
}

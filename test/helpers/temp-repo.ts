import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export type FileMap = Record<string, string | null>;

export interface TempRepo {
  dir: string;
  git(...args: string[]): Promise<string>;
  /** Writes (or, for null, deletes) files relative to the repository. */
  write(files: FileMap): Promise<void>;
  commit(message: string, files?: FileMap): Promise<string>;
  remove(): Promise<void>;
}

/** A real git repository in a temporary folder, built from path → content. */
export async function createTempRepo(files: FileMap = {}): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'rolesmith-repo-'));
  const git = async (...args: string[]) =>
    (
      await exec('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Test Author',
          GIT_AUTHOR_EMAIL: 'author@example.test',
          GIT_COMMITTER_NAME: 'Test Author',
          GIT_COMMITTER_EMAIL: 'author@example.test',
          GIT_CONFIG_NOSYSTEM: '1',
        },
      })
    ).stdout;
  const write = async (map: FileMap) => {
    for (const [path, content] of Object.entries(map)) {
      const full = join(dir, path);
      if (content === null) {
        await rm(full, { force: true });
        continue;
      }
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
    }
  };
  const repo: TempRepo = {
    dir,
    git,
    write,
    async commit(message, map = {}) {
      await write(map);
      await git('add', '-A');
      await git('commit', '-q', '--allow-empty', '-m', message);
      return (await git('rev-parse', 'HEAD')).trim();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  await git('init', '-q', '-b', 'main');
  if (Object.keys(files).length > 0) await repo.commit('initial', files);
  return repo;
}

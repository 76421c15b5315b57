import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RolesmithError } from '../errors.ts';
import type { GitContext } from './git-context.ts';
import { identityEnv } from './git-identity.ts';
import type {
  ChangedFile,
  CommitFilesOptions,
  CommitResult,
} from './git-repo-types.ts';
import { chunks, literal, splitZ } from './git-run.ts';
import { nameStatus } from './git-status.ts';

function checkTrailers(trailers: Readonly<Record<string, string>>): string[] {
  return Object.entries(trailers).map(([key, value]) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(key)) {
      throw new RolesmithError(`"${key}" is not a git trailer key`, {
        code: 'internal',
        expected: 'letters, digits and dashes, e.g. Rolesmith-Run',
      });
    }
    if (/[\r\n]/.test(value) || value.trim() === '') {
      throw new RolesmithError(`the trailer ${key} needs a one-line value`, {
        code: 'internal',
      });
    }
    return `${key}: ${value.trim()}`;
  });
}

export async function commitFiles(
  ctx: GitContext,
  options: CommitFilesOptions,
): Promise<CommitResult> {
  const { branch } = options;
  await ctx.checkBranchName(branch);
  await ctx.refuseCheckedOut(branch);
  const localRef = `refs/heads/${branch}`;
  const parent = await ctx.resolve(localRef);
  if (parent === undefined) {
    throw new RolesmithError(`the branch "${branch}" does not exist`, {
      code: 'internal',
      expected: 'prepareBranch before commitFiles',
    });
  }
  const message = options.message.trim();
  if (message === '') {
    throw new RolesmithError('a commit needs a message', {
      code: 'internal',
    });
  }
  const trailerLines = checkTrailers(options.trailers ?? {});
  const prepared = ctx.prepared.get(branch);
  const base =
    options.base !== undefined
      ? await ctx.mustResolve(`${options.base}^{commit}`)
      : (prepared?.base ?? parent);
  const baseName = options.base ?? prepared?.baseName ?? branch;
  const specs = ctx.pathspecs(options.paths);

  // The local changes are taken against where the checkout forked from
  // the base, so that files the base gained since stay as the base has
  // them, and commits made locally on top of it count as changes too.
  const head = await ctx.headCommit();
  const fork =
    head === undefined
      ? undefined
      : ((await ctx.mergeBase(head, base)) ?? head);
  const candidates = new Set(
    splitZ(
      await ctx.git([
        'ls-files',
        '-z',
        '--others',
        '--exclude-standard',
        ...(fork === undefined ? ['--cached'] : []),
        '--',
        ...specs,
      ]),
    ),
  );
  if (fork !== undefined) {
    const tracked = await ctx.git([
      'diff-index',
      '--name-only',
      '-z',
      '--no-renames',
      fork,
      '--',
      ...specs,
    ]);
    for (const path of splitZ(tracked)) candidates.add(path);
  }

  const work = await mkdtemp(join(tmpdir(), 'rolesmith-commit-'));
  try {
    const index = { GIT_INDEX_FILE: join(work, 'index') };
    await ctx.git(['read-tree', base], index);
    // --add and --remove: a file present in the working tree goes in
    // as it is there, one absent comes out (when the base had it).
    // --verbose only so that git says something (see runGit).
    if (candidates.size > 0) {
      await ctx.git(
        [
          'update-index',
          '--add',
          '--remove',
          '--replace',
          '--verbose',
          '-z',
          '--stdin',
        ],
        index,
        [...candidates].map((path) => `${path}\0`).join(''),
      );
    }
    const tree = (await ctx.git(['write-tree'], index)).trim();
    if (fork !== base) {
      await refuseOverwrites(ctx, fork, base, tree, candidates, specs, {
        baseName,
      });
    }
    if (tree === (await ctx.mustResolve(`${parent}^{tree}`))) {
      return { commit: parent, changed: false, files: [] };
    }
    const files = splitZ(
      await ctx.git([
        'diff-tree',
        '-r',
        '--name-status',
        '-z',
        '--no-renames',
        parent,
        tree,
      ]),
    );
    const changed: ChangedFile[] = [];
    for (let i = 0; i + 1 < files.length; i += 2) {
      changed.push({
        path: ctx.fromRepoPath(files[i + 1] ?? ''),
        status: nameStatus(files[i] ?? ''),
      });
    }

    const messageFile = join(work, 'message');
    await writeFile(messageFile, `${message}\n`);
    const fullMessage =
      trailerLines.length === 0
        ? `${message}\n`
        : await ctx.git([
            'interpret-trailers',
            ...trailerLines.flatMap((line) => ['--trailer', line]),
            messageFile,
          ]);
    await writeFile(messageFile, fullMessage);
    const commit = (
      await ctx.git(
        ['commit-tree', tree, '-p', parent, '-F', messageFile],
        await identityEnv(ctx),
      )
    ).trim();
    await ctx.moveRef(localRef, commit, parent, 'rolesmith: commit proposal');
    return { commit, changed: true, files: changed };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Refuses to let a proposal silently undo a change the base made after
 * the checkout forked: a file changed on both sides, and left
 * different from the base, needs the user to bring the checkout up to
 * date first.
 */
async function refuseOverwrites(
  ctx: GitContext,
  fork: string | undefined,
  base: string,
  tree: string,
  candidates: Set<string>,
  specs: string[],
  names: { baseName: string },
): Promise<void> {
  const upstream = splitZ(
    fork === undefined
      ? await ctx.git([
          'ls-tree',
          '-r',
          '--name-only',
          '-z',
          base,
          '--',
          ...specs,
        ])
      : await ctx.git([
          'diff-tree',
          '-r',
          '--name-only',
          '-z',
          '--no-renames',
          fork,
          base,
          '--',
          ...specs,
        ]),
  ).filter((path) => candidates.has(path));
  const clashes: string[] = [];
  for (const part of chunks(upstream)) {
    const out = await ctx.git([
      'diff-tree',
      '-r',
      '--name-only',
      '-z',
      '--no-renames',
      base,
      tree,
      '--',
      ...part.map(literal),
    ]);
    clashes.push(...splitZ(out));
  }
  if (clashes.length === 0) return;
  const shown = clashes.slice(0, 5).map((path) => ctx.fromRepoPath(path));
  const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : '';
  throw new RolesmithError(
    `${shown.join(', ')}${more} changed on ${names.baseName} since this ` +
      'checkout, and differently here; nothing was committed',
    {
      code: 'git',
      expected:
        `a checkout up to date with ${names.baseName} (commit or stash, ` +
        'pull, then run again)',
    },
  );
}

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { createFsTree, readCatalogue } from '../catalogue/index.ts';
import type { FileTree, ReadCatalogueResult } from '../catalogue/index.ts';
import { computeCatalogueDiff } from '../checks/catalogue-diff.ts';
import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import {
  EXIT,
  isRolesmithError,
  RolesmithError,
  usageError,
} from '../errors.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Finding } from '../model/index.ts';
import { renderDiffMarkdown } from '../report/diff-markdown.ts';
import { renderDiffText } from '../report/diff-text.ts';
import { catalogueFolder, readInventoryOption } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type DiffFormat = (typeof FORMATS)[number];

/**
 * Findings that mean a catalogue file could not be read as a role,
 * exception or policy. The file drops out of the catalogue, so a diff
 * would report its access as lost: refuse instead.
 */
const INPUT_CODES = /^(yaml|file|schema)\./;

/** The side a diff compares against when neither --base nor --from is set. */
const DEFAULT_BASE = 'HEAD';

/** `rolesmith diff [dir]`: what a set of role changes means for access. */
export async function runDiff(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `diff takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith diff [dir]; compare with --base <ref> or --from <dir>',
    );
  }
  const positional = ctx.positionals[0];
  const dir = await catalogueFolder(ctx.cwd, positional ?? '.');

  const base = await openBase(ctx, dir, options);
  const inventory = await readInventoryOption(options.inventories, ctx);
  // Policies come from the base on both sides, as under `check --base`.
  const before = await readCatalogue({ grants: base.tree, rules: base.tree });
  const working = createFsTree(dir);
  const after = await readCatalogue({ grants: working, rules: base.tree });
  refuseBrokenInput([
    ...labelled(before, base.label),
    ...labelled(after, positional ?? 'working tree'),
  ]);
  ctx.logger.debug('catalogues read', {
    before: before.catalogue.roles.length,
    after: after.catalogue.roles.length,
  });

  const diff = computeCatalogueDiff(before.catalogue, after.catalogue, {
    beforeLabel: base.label,
    afterLabel: positional ?? 'working tree',
    today: options.today,
    ...(inventory !== undefined && { inventory }),
  });
  const text = render(diff, options.format, {
    color: ctx.color && options.output === undefined,
  });
  if (options.output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, options.output), text);
  return EXIT.ok;
}

interface DiffOptions {
  base?: string;
  from?: string;
  inventories: string[];
  format: DiffFormat;
  output?: string;
  today: string;
}

function parseOptions(ctx: CommandContext): DiffOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${FORMATS.join(', ')}`,
    );
  }
  const today = stringOption(ctx.values, 'today') ?? ctx.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw usageError(
      `--today "${today}" is not a date`,
      'YYYY-MM-DD, e.g. 2026-12-03',
    );
  }
  const base = stringOption(ctx.values, 'base');
  const from = stringOption(ctx.values, 'from');
  if (base !== undefined && from !== undefined) {
    throw usageError(
      '--base and --from both name the catalogue before the change',
      'one of them: --base <git-ref> or --from <dir>',
    );
  }
  const output = stringOption(ctx.values, 'output');
  return {
    ...(base !== undefined && { base }),
    ...(from !== undefined && { from }),
    ...(output !== undefined && { output }),
    inventories: stringList(ctx.values, 'inventory'),
    format: format as DiffFormat,
    today,
  };
}

/** The catalogue before the change: a folder, or a git tree. */
async function openBase(
  ctx: CommandContext,
  dir: string,
  options: DiffOptions,
): Promise<{ tree: FileTree; label: string }> {
  if (options.from !== undefined) {
    const from = await catalogueFolder(ctx.cwd, options.from);
    // A folder without either is most likely roles/ itself or a typo;
    // diffing against it would show everyone gaining everything.
    const parts = await Promise.all(
      ['roles', 'exceptions'].map((name) => isFolder(join(from, name))),
    );
    if (!parts.includes(true)) {
      throw new RolesmithError(
        `${from} holds no roles/ or exceptions/ folder`,
        {
          code: 'input',
          expected:
            'with --from, the catalogue folder (the parent of roles/) as it was before the change',
        },
      );
    }
    return { tree: createFsTree(from), label: options.from };
  }
  const ref = options.base ?? DEFAULT_BASE;
  try {
    return { tree: await createGitTree(dir, ref), label: ref };
  } catch (error) {
    if (options.base !== undefined || !isRolesmithError(error)) throw error;
    // The user named no ref, and git's wording speaks of --base: say
    // which ref was assumed and the way out.
    throw new RolesmithError(
      `cannot read the catalogue at ${DEFAULT_BASE}, which diff compares with by default`,
      {
        code: error.code,
        expected:
          'a git clone with at least one commit, or --from <dir> to compare two catalogue folders',
        cause: error,
      },
    );
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

interface LabelledFinding {
  finding: Finding;
  side: string;
}

function labelled(read: ReadCatalogueResult, side: string): LabelledFinding[] {
  return read.findings
    .filter((finding) => INPUT_CODES.test(finding.code))
    .map((finding) => ({ finding, side }));
}

/**
 * Stops at unreadable catalogue files, naming the first with its line.
 * Policies are read from the base for both sides, so one broken policy
 * file is counted once.
 */
function refuseBrokenInput(problems: LabelledFinding[]): void {
  const seen = new Set<string>();
  const distinct = problems.filter(({ finding: f, side }) => {
    const policy = f.file?.startsWith('policies/') === true;
    const key = `${f.file ?? ''}|${f.line ?? ''}|${f.message}|${policy ? '' : side}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const [first] = distinct;
  if (first === undefined) return;
  const { finding, side } = first;
  const more =
    distinct.length > 1
      ? `; ${distinct.length - 1} more unreadable files or entries`
      : '';
  throw new RolesmithError(`${finding.message} (in ${side})${more}`, {
    code: 'input',
    ...(finding.file !== undefined && { file: finding.file }),
    ...(finding.line !== undefined && { line: finding.line }),
    ...(finding.column !== undefined && { column: finding.column }),
    expected:
      `${finding.hint ?? 'a valid catalogue file'}; ` +
      '`rolesmith check` lists every problem',
  });
}

function render(
  diff: CatalogueDiff,
  format: DiffFormat,
  options: { color: boolean },
): string {
  switch (format) {
    case 'json': {
      const tool = { name: 'rolesmith', version: rolesmithVersion() };
      return `${JSON.stringify({ tool, ...diff }, null, 2)}\n`;
    }
    case 'markdown':
      return renderDiffMarkdown(diff);
    case 'text':
      return renderDiffText(diff, options);
  }
}

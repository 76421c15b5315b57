import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { renderCodeowners } from '../catalogue/codeowners.ts';
import type { OwnedFile } from '../catalogue/codeowners.ts';
import { unifiedDiff } from '../catalogue/codeowners-diff.ts';
import { ownerProblem } from '../catalogue/codeowners-syntax.ts';
import {
  createFsTree,
  DEFAULT_LAYOUT,
  placeFindings,
  readCatalogue,
} from '../catalogue/index.ts';
import { EXIT, RolesmithError, usageError } from '../errors.ts';
import type { Finding } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import { printable } from '../report/ansi.ts';
import { formatLocation } from '../report/location.ts';
import { catalogueFolder } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { stringList, stringOption } from './values.ts';

/**
 * Findings that mean a role or policy file could not be read, so its
 * owners are unknown: writing CODEOWNERS then would drop its line.
 */
const INPUT_CODES = /^(yaml|file|schema)\./;

/**
 * `rolesmith codeowners [dir]`: writes the generated block of CODEOWNERS
 * from the owners in the role and policy files, or with `--check` only
 * says whether the file is up to date (exit 1 when it is not).
 */
export async function runCodeowners(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 1) {
    throw usageError(
      `codeowners takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith codeowners [dir] [--output .github/CODEOWNERS] [--check]',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  const rootOption = stringOption(ctx.values, 'root');
  const root =
    rootOption === undefined
      ? await repositoryRoot(dir)
      : resolve(ctx.cwd, rootOption);
  const prefix = relative(root, dir);
  if (prefix.startsWith('..') || isAbsolute(prefix)) {
    throw usageError(
      `the catalogue ${dir} is outside the repository ${root}`,
      '--root <the repository that holds the catalogue>',
    );
  }
  const outputOption = stringOption(ctx.values, 'output');
  const output =
    outputOption === undefined
      ? join(root, '.github', 'CODEOWNERS')
      : resolve(ctx.cwd, outputOption);
  const shownOutput = display(ctx.cwd, output);
  const fallbackOwners = ownersOption(ctx, 'fallback-owner');
  const exceptionsOwners = ownersOption(ctx, 'exceptions-owner');
  const check = ctx.values.check === true;

  const tree = createFsTree(dir);
  const layout = DEFAULT_LAYOUT;
  const read = await readCatalogue({ grants: tree, rules: tree });
  const unreadable = read.findings.filter(
    (f) =>
      INPUT_CODES.test(f.code) &&
      (f.file?.startsWith(`${layout.roles}/`) === true ||
        isPolicyFile(f.file ?? '', layout.policies)),
  );
  if (unreadable.length > 0) {
    report(ctx, placeFindings(unreadable, read.sources));
    ctx.out(
      `rolesmith: cannot tell every file's owners; ${shownOutput} was not ` +
        `${check ? 'checked' : 'written'}\n`,
    );
    return EXIT.usage;
  }

  const policies: OwnedFile[] = [];
  for (const [file, source] of read.sources) {
    if (!isPolicyFile(file, layout.policies)) continue;
    policies.push({ file, owners: declaredOwners(source.data) });
  }
  const files = (
    await Promise.all(
      [layout.roles, layout.policies, layout.exceptions].map((folder) =>
        tree.list(folder),
      ),
    )
  ).flat();
  const existing = await readExisting(output, shownOutput);
  const result = renderCodeowners(
    {
      roles: read.catalogue.roles.map((entry) => ({
        file: entry.file,
        owners: entry.role.owners,
      })),
      policies,
      files,
    },
    {
      prefix: prefix.split(sep).join('/'),
      layout,
      ...(fallbackOwners.length > 0 && { fallbackOwners }),
      ...(exceptionsOwners.length > 0 && { exceptionsOwners }),
      ...(existing !== undefined && { existing }),
      file: shownOutput,
    },
  );
  const findings = placeFindings(result.findings, read.sources).sort(
    compareFindings,
  );
  report(ctx, findings);
  if (findings.some((f) => f.severity === 'error')) {
    ctx.out(
      `rolesmith: ${shownOutput} was not ${check ? 'checked' : 'written'}: fix the errors above\n`,
    );
    return EXIT.usage;
  }

  const summary = `${result.roleLines} role${result.roleLines === 1 ? '' : 's'}`;
  if (existing === result.text) {
    ctx.out(`${shownOutput} is up to date (${summary}).\n`);
    return EXIT.ok;
  }
  if (check) {
    ctx.out(
      `${shownOutput} is out of date: the owners in the role or policy files ` +
        'changed, or the file was edited inside the rolesmith block.\n' +
        'Run `rolesmith codeowners` and commit the result.\n\n',
    );
    ctx.out(
      unifiedDiff(existing ?? '', result.text, {
        from: existing === undefined ? '/dev/null' : shownOutput,
        to: `${shownOutput} (generated)`,
      }),
    );
    return EXIT.findings;
  }
  await writeFileAtomic(output, result.text);
  ctx.out(`wrote ${shownOutput} (${summary}).\n`);
  return EXIT.ok;
}

function ownersOption(ctx: CommandContext, name: string): string[] {
  const owners = stringList(ctx.values, name);
  for (const owner of owners) {
    const problem = ownerProblem(owner);
    if (problem !== undefined) {
      throw usageError(`--${name}: ${problem.message}`, problem.hint);
    }
  }
  return owners;
}

/** Policy files are YAML files under policies/, outside policies/tests/. */
function isPolicyFile(file: string, policies: string): boolean {
  return (
    file.startsWith(`${policies}/`) &&
    !file.startsWith(`${policies}/tests/`) &&
    /\.ya?ml$/.test(file)
  );
}

/** The `owners:` of a parsed policy file (checked by its schema). */
function declaredOwners(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || !('owners' in data)) {
    return [];
  }
  const owners = data.owners;
  return Array.isArray(owners)
    ? owners.filter((o): o is string => typeof o === 'string')
    : [];
}

/**
 * The nearest folder at or above `dir` that holds `.git` (a folder, or a
 * file in a worktree): CODEOWNERS paths are relative to it. Without one,
 * the catalogue folder itself.
 */
async function repositoryRoot(dir: string): Promise<string> {
  for (let at = dir; ; at = dirname(at)) {
    if (await stat(join(at, '.git')).catch(() => undefined)) return at;
    if (dirname(at) === at) return dir;
  }
}

async function readExisting(
  path: string,
  shown: string,
): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RolesmithError(`cannot read ${shown}`, {
      code: 'io',
      file: shown,
      cause: error,
    });
  }
}

/** The path as the user would type it from where they are. */
function display(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return isAbsolute(shown) ? path : shown.split(sep).join('/');
}

function report(ctx: CommandContext, findings: readonly Finding[]): void {
  for (const finding of findings) {
    const where = formatLocation(finding);
    const head =
      `${where === undefined ? '' : `${printable(where)}: `}${finding.severity} ` +
      `${finding.code}: ${printable(finding.message)}`;
    ctx.out(`${head}\n`);
    if (finding.hint !== undefined) {
      ctx.out(`    hint: ${printable(finding.hint)}\n`);
    }
  }
}

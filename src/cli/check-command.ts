import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  createFsTree,
  placeFindings,
  readCatalogue,
} from '../catalogue/index.ts';
import type { FileTree, ReadCatalogueResult } from '../catalogue/index.ts';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { evaluateCatalogue, evaluateChange } from '../checks/evaluate.ts';
import type { AccessImpact } from '../checks/access-impact.ts';
import { RolesmithError, usageError } from '../errors.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { Finding, Inventory, Severity } from '../model/index.ts';
import { atLeast, compareFindings, SEVERITIES } from '../model/index.ts';
import { renderReport } from '../report/index.ts';
import type { ReportFormat } from '../report/index.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';
import { EXIT } from '../errors.ts';
import { rolesmithVersion } from './version.ts';
import { stringOption, stringList } from './values.ts';

const FORMATS: ReportFormat[] = [
  'text',
  'json',
  'sarif',
  'github',
  'markdown',
  'junit',
];

/**
 * Findings that mean the input itself is broken (unreadable files, wrong
 * types, ids that could escape roles/): exit 2, not 1, even under
 * `--fail-on never`. They are still rendered in every format.
 */
const INPUT_CODES = /^(yaml|file|schema)\./;

export async function runCheck(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `check takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith check [dir]; pass inventories with --inventory',
    );
  }
  const dir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    throw new RolesmithError(`${dir} is not a folder`, {
      code: 'input',
      expected: 'the folder that holds roles/ and policies/',
    });
  }
  const working = createFsTree(dir);

  // Read: the change as it stands, and (under --base) the rules before it.
  const inventory = await readInventoryOption(options.inventories, ctx);
  const current = await readCatalogue({ grants: working, rules: working });
  let judged = current;
  let change: { impact: AccessImpact; findings: Finding[] } | undefined;
  if (options.base !== undefined) {
    const base = await createGitTree(dir, options.base);
    judged = await readCatalogue({ grants: working, rules: base });
    const before = await readCatalogue({ grants: base, rules: base });
    const policyChanges = await diffPolicies(base, working, before);
    change = evaluateChange(before.catalogue, judged.catalogue, {
      today: options.today,
      baseRef: options.base,
      policyChanges,
      ...(inventory !== undefined && { inventory }),
    });
  }
  ctx.logger.debug('catalogue read', {
    roles: judged.catalogue.roles.length,
    risks: judged.catalogue.policies.risks.length,
  });

  // Evaluate with the judged rules; keep parse errors of changed policies.
  const findings = [
    ...judged.findings,
    ...policyParseFindings(current, judged),
    ...evaluateCatalogue(judged.catalogue, {
      today: options.today,
      ...(inventory !== undefined && { inventory }),
    }),
    ...(change?.findings ?? []),
  ];
  // Place findings on the lines of the files as the pull request has
  // them: that is where annotations and code-scanning alerts appear.
  const placed = placeFindings(
    dedupe(findings),
    new Map([...judged.sources, ...current.sources]),
  ).sort(compareFindings);

  // Report.
  const text = renderReport(
    options.format,
    {
      tool: { name: 'rolesmith', version: rolesmithVersion() },
      findings: placed,
      ...(change !== undefined && { impact: change.impact }),
      files: current.files,
      failOn: options.failOn,
    },
    { color: ctx.color && options.output === undefined },
  );
  if (options.output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, options.output), text);

  if (placed.some((f) => INPUT_CODES.test(f.code))) return EXIT.usage;
  if (options.failOn === 'never') return EXIT.ok;
  const threshold = options.failOn;
  return placed.some((f) => atLeast(f, threshold)) ? EXIT.findings : EXIT.ok;
}

interface CheckOptions {
  base?: string;
  inventories: string[];
  format: ReportFormat;
  output?: string;
  failOn: Severity | 'never';
  today: string;
}

function parseOptions(ctx: CommandContext): CheckOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as string[]).includes(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${FORMATS.join(', ')}`,
    );
  }
  const failOn =
    stringOption(ctx.values, 'fail-on') ??
    (ctx.values.strict === true ? 'warning' : 'error');
  if (
    failOn !== 'never' &&
    !(SEVERITIES as readonly string[]).includes(failOn)
  ) {
    throw usageError(
      `unknown --fail-on "${failOn}"`,
      'error, warning, note or never',
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
  const output = stringOption(ctx.values, 'output');
  return {
    ...(base !== undefined && { base }),
    ...(output !== undefined && { output }),
    inventories: stringList(ctx.values, 'inventory'),
    format: format as ReportFormat,
    failOn: failOn as Severity | 'never',
    today,
  };
}

async function readInventoryOption(
  paths: string[],
  ctx: CommandContext,
): Promise<Inventory | undefined> {
  if (paths.length === 0) return undefined;
  const read = await readInventories(paths, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  return read.inventory;
}

/** Policy files that differ between the base and the working tree. */
async function diffPolicies(
  base: FileTree,
  working: FileTree,
  before: ReadCatalogueResult,
): Promise<AccessImpact['policyChanges']> {
  const dir = 'policies';
  const [baseFiles, workingFiles] = await Promise.all([
    base.list(dir),
    working.list(dir),
  ]);
  // A changed file needs its own owners as the base names them; a new
  // file cannot name its own approvers, so all policy owners stand in.
  const everyone = [...before.catalogue.policies.owners].sort();
  const ownersOf = (file: string): string[] => {
    const data = before.sources.get(file)?.data;
    const owners =
      typeof data === 'object' && data !== null && 'owners' in data
        ? data.owners
        : undefined;
    return Array.isArray(owners) && owners.length > 0
      ? owners.map(String).sort()
      : everyone;
  };
  const changes: AccessImpact['policyChanges'] = [];
  const all = new Set([...baseFiles, ...workingFiles]);
  for (const file of [...all].sort()) {
    const inBase = baseFiles.includes(file);
    const inWorking = workingFiles.includes(file);
    if (inBase && inWorking) {
      const [a, b] = await Promise.all([base.read(file), working.read(file)]);
      if (Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0) continue;
    }
    changes.push({
      file,
      status: !inBase ? 'added' : !inWorking ? 'deleted' : 'modified',
      owners: inBase ? ownersOf(file) : everyone,
    });
  }
  return changes;
}

/**
 * Under --base the rules come from the base, but a pull request that
 * breaks a policy file must still be told so.
 */
function policyParseFindings(
  current: ReadCatalogueResult,
  judged: ReadCatalogueResult,
): Finding[] {
  if (current === judged) return [];
  return current.findings.filter(
    (f) => f.file?.startsWith('policies/') === true,
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.file ?? ''}|${f.path ?? ''}|${f.line ?? ''}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

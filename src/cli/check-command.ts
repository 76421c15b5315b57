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
import { usageError } from '../errors.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { Finding, Inventory, Severity } from '../model/index.ts';
import { atLeast, compareFindings, SEVERITIES } from '../model/index.ts';
import { renderReport } from '../report/index.ts';
import type { ReportFormat } from '../report/index.ts';
import type { CommandContext } from './command.ts';
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

/** Findings that mean the input itself is broken: exit 2, not 1. */
const INPUT_CODES = /^(yaml|file)\./;

export async function runCheck(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  const dir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
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
  const placed = placeFindings(dedupe(findings), judged.sources).sort(
    compareFindings,
  );

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
  const owners = [...before.catalogue.policies.owners].sort();
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
      owners,
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

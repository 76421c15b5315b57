import type { FileTree, ReadCatalogueResult } from '../catalogue/index.ts';
import { readCatalogue } from '../catalogue/index.ts';
import { computeCatalogueDiff } from '../checks/catalogue-diff.ts';
import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import { evaluateCatalogue, evaluateChange } from '../checks/evaluate.ts';
import { inputError } from '../errors.ts';
import type { ProposalPlan, RoleFileChange } from '../evidence/proposal.ts';
import type { Catalogue, Finding, Inventory } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { CheckReport } from '../report/report-input.ts';

export interface CatalogueSides {
  before: ReadCatalogueResult;
  after: ReadCatalogueResult;
}

/**
 * Reads the catalogue at the base and in the working tree, both judged by
 * the base's policies. A role file that does not parse stops the
 * proposal: proposing it would publish a broken file for review.
 */
export async function readSides(
  base: FileTree,
  working: FileTree,
): Promise<CatalogueSides> {
  const before = await readCatalogue({ grants: base, rules: base });
  const after = await readCatalogue({ grants: working, rules: base });
  const broken = after.findings.find(
    (f) => f.severity === 'error' && /^(yaml|file|schema)\./.test(f.code),
  );
  if (broken !== undefined) {
    throw inputError(broken.message, {
      file: broken.file ?? 'roles/',
      ...(broken.line !== undefined && { line: broken.line }),
      expected: 'valid role files; run rolesmith check first',
    });
  }
  return { before, after };
}

/** Role files whose bytes differ between the base and the working tree. */
export async function roleFileChanges(
  base: FileTree,
  working: FileTree,
  sides: CatalogueSides,
): Promise<RoleFileChange[]> {
  const [baseFiles, workingFiles] = await Promise.all([
    base.list('roles'),
    working.list('roles'),
  ]);
  const roleAt = (side: ReadCatalogueResult, file: string) =>
    side.catalogue.roles.find((e) => e.file === file)?.role;
  const changes: RoleFileChange[] = [];
  for (const file of [...new Set([...baseFiles, ...workingFiles])].sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    const inBase = baseFiles.includes(file);
    const inWorking = workingFiles.includes(file);
    if (inBase && inWorking) {
      const [a, b] = await Promise.all([base.read(file), working.read(file)]);
      if (Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0) continue;
    }
    const before = inBase ? roleAt(sides.before, file) : undefined;
    const after = inWorking ? roleAt(sides.after, file) : undefined;
    changes.push({
      file,
      status: !inBase ? 'added' : !inWorking ? 'deleted' : 'modified',
      ...(before !== undefined && { before }),
      ...(after !== undefined && { after }),
    });
  }
  return changes;
}

/**
 * The catalogue as it would be after merging only this proposal: the
 * base with the plan's role files replaced, added or removed. Each pull
 * request then shows its own access impact, not the sum of all of them.
 */
export function catalogueAfter(
  sides: CatalogueSides,
  plan: ProposalPlan,
): Catalogue {
  const files = new Set(plan.changes.map((c) => c.file));
  const kept = sides.before.catalogue.roles.filter((e) => !files.has(e.file));
  const proposed = sides.after.catalogue.roles.filter((e) => files.has(e.file));
  return {
    ...sides.before.catalogue,
    roles: [...kept, ...proposed].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
    ),
  };
}

export interface PlanJudgement {
  diff: CatalogueDiff;
  check: CheckReport;
  findings: Finding[];
}

/** The access impact and `check` result of one proposal. */
export function judgePlan(
  sides: CatalogueSides,
  plan: ProposalPlan,
  options: {
    baseLabel: string;
    today: string;
    version: string;
    inventory?: Inventory;
  },
): PlanJudgement {
  const after = catalogueAfter(sides, plan);
  const before = sides.before.catalogue;
  const inventory = options.inventory;
  const diff = computeCatalogueDiff(before, after, {
    beforeLabel: options.baseLabel,
    afterLabel: plan.branch,
    today: options.today,
    ...(inventory !== undefined && { inventory }),
  });
  const change = evaluateChange(before, after, {
    today: options.today,
    baseRef: options.baseLabel,
    policyChanges: [],
    ...(inventory !== undefined && { inventory }),
  });
  const files = new Set(plan.changes.map((c) => c.file));
  const findings = [
    ...evaluateCatalogue(after, {
      today: options.today,
      ...(inventory !== undefined && { inventory }),
    }),
    ...change.findings,
  ].sort(compareFindings);
  return {
    diff,
    findings,
    check: {
      tool: { name: 'rolesmith', version: options.version },
      findings,
      // The body shows the impact from the diff; the check part is the
      // verdict and its findings.
      files: [...files].sort(),
      failOn: 'error',
    },
  };
}

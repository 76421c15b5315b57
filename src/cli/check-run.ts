import type { FileTree, ReadCatalogueResult } from '../catalogue/index.ts';
import {
  createFsTree,
  placeFindings,
  readCatalogue,
} from '../catalogue/index.ts';
import type { AccessImpact } from '../checks/access-impact.ts';
import { evaluateCatalogue, evaluateChange } from '../checks/evaluate.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Logger } from '../logger.ts';
import type { Finding, Inventory } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';

export interface CheckRunOptions {
  /** The catalogue folder (absolute). */
  dir: string;
  /**
   * The catalogue to judge; the working tree of `dir` when omitted. A
   * git tree at a commit (for reports of the past) is judged by its own
   * rules unless `base` is given too.
   */
  tree?: FileTree;
  /** Judge with the policies at this ref and report the access impact. */
  base?: string;
  inventory?: Inventory;
  today: string;
  logger: Logger;
}

export interface CheckRun {
  /** Findings placed on lines and sorted. */
  placed: Finding[];
  /** The catalogue as it stands in the working tree. */
  current: ReadCatalogueResult;
  /** The catalogue judged: working-tree grants with the base's rules. */
  judged: ReadCatalogueResult;
  /** Under a base: the catalogue at the base. */
  before?: ReadCatalogueResult;
  change?: { impact: AccessImpact; findings: Finding[] };
}

/**
 * What `rolesmith check` computes, as data: `check`, `propose` and
 * `comment` all judge a change the same way.
 */
export async function checkCatalogue(
  options: CheckRunOptions,
): Promise<CheckRun> {
  const { dir, inventory } = options;
  const working = options.tree ?? createFsTree(dir);

  // Read: the change as it stands, and (under --base) the rules before it.
  const current = await readCatalogue({ grants: working, rules: working });
  let judged = current;
  let change: { impact: AccessImpact; findings: Finding[] } | undefined;
  let before: ReadCatalogueResult | undefined;
  if (options.base !== undefined) {
    const base = await createGitTree(dir, options.base);
    judged = await readCatalogue({ grants: working, rules: base });
    before = await readCatalogue({ grants: base, rules: base });
    const policyChanges = await diffPolicies(base, working, before);
    change = evaluateChange(before.catalogue, judged.catalogue, {
      today: options.today,
      baseRef: options.base,
      policyChanges,
      ...(inventory !== undefined && { inventory }),
    });
  }
  options.logger.debug('catalogue read', {
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

  return {
    placed,
    current,
    judged,
    ...(before !== undefined && { before }),
    ...(change !== undefined && { change }),
  };
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

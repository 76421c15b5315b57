import { basename, dirname, join, relative, resolve } from 'node:path';
import { writeFilesAtomic } from '../catalogue/atomic-write.ts';
import { createFsTree, readCatalogue } from '../catalogue/index.ts';
import { roleToYaml } from '../catalogue/role-writer.ts';
import { usageError } from '../errors.ts';
import type { EvidenceBlock } from '../evidence/evidence.ts';
import { buildEvidence } from '../evidence/evidence.ts';
import { reconcile } from '../evidence/reconcile.ts';
import { draftRole, updateRole } from '../evidence/role-draft.ts';
import { initialOwners } from '../evidence/role-owners.ts';
import { DEFAULT_ATTRIBUTES } from '../mining/governed/index.ts';
import type { CandidateRole, MiningResult } from '../mining/types.ts';
import type { Inventory, PolicySet, Role, RoleEntry } from '../model/index.ts';
import { isValidRoleId } from '../model/index.ts';
import { slugify } from '../mining/governed/naming.ts';
import type { WriteOutcome } from '../report/reconciliation-text.ts';
import type { CommandContext } from './command.ts';
import { withRelativeSources } from './source-paths.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

/**
 * Writes candidates into a roles/ folder, reconciled with the roles in
 * it. New candidates become new files; an approved role is rewritten only
 * when reconciliation reports it changed, and then keeps everything people
 * wrote in it. Unchanged roles are left byte for byte, and redundant ones
 * are reported, never deleted. All files are written or none.
 */
export async function writeCandidates(
  ctx: CommandContext,
  dir: string,
  result: MiningResult,
  inventory: Inventory,
  policies: PolicySet | undefined,
): Promise<WriteOutcome> {
  const full = resolve(ctx.cwd, dir);
  const existing = await readRoles(full, dir);
  const reconciliation = reconcile(
    existing.map((e) => e.role),
    result.roles,
    { inventory },
  );
  const recorded = withRelativeSources(inventory, ctx.cwd);
  const parameters = result.algorithm.parameters;
  const attributes = Array.isArray(parameters['attributes'])
    ? parameters['attributes'].filter((a): a is string => typeof a === 'string')
    : DEFAULT_ATTRIBUTES;
  const unusedDays = parameters['unusedDays'];
  const evidenceOf = (candidate: CandidateRole): EvidenceBlock =>
    buildEvidence(candidate, {
      result,
      inventory: recorded,
      version: rolesmithVersion(),
      attributes,
      usageWindowDays: typeof unusedDays === 'number' ? unusedDays : 180,
      risks: policies?.risks.map((r) => r.id) ?? [],
      existing: existing.map((e) => e.role),
    });

  const candidates = new Map(result.roles.map((c) => [c.id, c]));
  const byId = new Map(existing.map((e) => [e.role.id, e]));
  const owners = stringList(ctx.values, 'owner');
  const entitlementById = new Map(inventory.entitlements.map((e) => [e.id, e]));
  const files: { path: string; content: string }[] = [];
  const written: WriteOutcome['written'] = [];
  for (const entry of reconciliation.entries) {
    const candidate = candidates.get(entry.candidate ?? entry.role);
    if (candidate === undefined) continue;
    if (entry.status === 'new') {
      if (owners.length === 0) {
        throw usageError(
          `${reconciliation.entries.filter((e) => e.status === 'new').length} ` +
            'new candidate roles need an owner',
          'pass --owner @team (repeatable); CODEOWNERS then routes the review',
        );
      }
      const id = freeId(candidate.id, byId);
      const evidence = evidenceOf(candidate);
      const role = withReviewDate(
        draftRole(
          { ...candidate, id },
          evidence,
          initialOwners(
            owners,
            candidate.entitlements,
            entitlementById,
            policies?.leastPrivilege,
          ),
        ),
        evidence.data.date,
        policies?.leastPrivilege.maxReviewDays,
      );
      const path = join(full, folderOf(candidate), `${id}.yaml`);
      files.push({ path, content: roleToYaml(role) });
      written.push({ file: relative(ctx.cwd, path), role: id, status: 'new' });
    } else if (entry.status === 'changed') {
      const approved = byId.get(entry.role);
      if (approved === undefined) continue;
      const role = updateRole(approved.role, candidate, evidenceOf(candidate));
      // The catalogue was read from the parent of `dir`.
      const path = join(dirname(full), approved.file);
      files.push({ path, content: roleToYaml(role) });
      written.push({
        file: relative(ctx.cwd, path),
        role: entry.role,
        status: 'changed',
      });
    }
  }
  ctx.logger.info(`writing ${files.length} role files into ${dir}`);
  await writeFilesAtomic(files);
  return { reconciliation, written };
}

/**
 * A next review date when the policies demand one: the longest interval
 * they allow, counted from the data date rather than the clock so that a
 * re-run writes the same file. Approval may bring it closer.
 */
function withReviewDate(
  role: Role,
  dataDate: string,
  maxReviewDays: number | undefined,
): Role {
  const start = Date.parse(`${dataDate}T00:00:00Z`);
  if (maxReviewDays === undefined || Number.isNaN(start)) return role;
  const next = new Date(start + maxReviewDays * 86_400_000);
  return {
    ...role,
    review: { ...role.review, nextReview: next.toISOString().slice(0, 10) },
  };
}

async function readRoles(full: string, dir: string): Promise<RoleEntry[]> {
  const tree = createFsTree(dirname(full));
  const read = await readCatalogue({
    grants: tree,
    rules: tree,
    // Only the roles matter here; the other folders may not exist.
    layout: {
      roles: basename(full),
      exceptions: `${basename(full)}/.none`,
      policies: `${basename(full)}/.none`,
    },
  });
  const broken = read.findings.find((f) => f.severity === 'error');
  if (broken !== undefined) {
    throw usageError(
      `${broken.file ?? dir}:${broken.line ?? 1}: ${broken.message}`,
      'valid role files in the --write folder; run rolesmith check first',
    );
  }
  return read.catalogue.roles;
}

/**
 * A new file's folder: machine roles under service-accounts/, people's
 * roles under the department their members share, else mined/.
 */
function folderOf(candidate: CandidateRole): string {
  if (candidate.audience === 'machine') return 'service-accounts';
  const department = candidate.origin?.attributes?.['department'];
  const slug = department === undefined ? '' : slugify(department);
  return slug !== '' && isValidRoleId(slug) ? slug : 'mined';
}

/** The candidate's id, or a suffixed one when a role of another audience has it. */
function freeId(id: string, taken: ReadonlyMap<string, unknown>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const next = `${id}-${String(n)}`;
    if (!taken.has(next)) return next;
  }
}

export function writeOption(ctx: CommandContext): string | undefined {
  return stringOption(ctx.values, 'write');
}

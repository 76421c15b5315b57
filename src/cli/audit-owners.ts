import { parseCodeowners, ruleFor } from '../catalogue/codeowners-syntax.ts';
import type { CodeownersLine } from '../catalogue/codeowners-syntax.ts';
import { parseYamlFile } from '../catalogue/yaml-source.ts';
import { kindOf } from '../evidence/audit.ts';
import type { HistoryCommit } from '../evidence/audit.ts';
import { versionKey } from '../evidence/audit-types.ts';
import { filesAt } from '../gitops/git-history.ts';

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

export interface OwnersAtBase {
  /** CODEOWNERS owners of a file, keyed by `versionKey(base, path)`. */
  codeOwners: Map<string, readonly string[]>;
  /** A policy's `owners:`, keyed by `versionKey(commit, path)`. */
  policyOwners: Map<string, string[]>;
}

/**
 * Who owned the files each pull request changed, as of its base: the
 * CODEOWNERS rule of every changed path, and each changed policy's
 * `owners:` at the base and as merged (for a policy the pull request
 * created), read from git in one batch.
 */
export async function readOwnersAtBase(
  dir: string,
  commits: readonly HistoryCommit[],
): Promise<OwnersAtBase> {
  const requests: { commit: string; path: string }[] = [];
  for (const commit of commits) {
    const base = commit.parents[0];
    if (base === undefined) continue;
    for (const path of CODEOWNERS_PATHS) requests.push({ commit: base, path });
    for (const change of commit.changes) {
      if (kindOf(change.path) !== 'policy') continue;
      requests.push({ commit: base, path: change.from ?? change.path });
      requests.push({ commit: commit.sha, path: change.path });
    }
  }
  const blobs = await filesAt(dir, requests);
  const codeownersAt = new Map<string, CodeownersLine[]>();
  const policyOwners = new Map<string, string[]>();
  const decoder = new TextDecoder();
  requests.forEach((request, i) => {
    const bytes = blobs[i];
    if (bytes === undefined) return;
    if (CODEOWNERS_PATHS.includes(request.path)) {
      // The first of GitHub's locations that exists wins.
      if (!codeownersAt.has(request.commit)) {
        codeownersAt.set(
          request.commit,
          parseCodeowners(decoder.decode(bytes)),
        );
      }
      return;
    }
    const parsed = parseYamlFile(request.path, bytes);
    if (!parsed.ok) return;
    const data = parsed.source.data as { owners?: unknown } | null;
    const owners = data?.owners;
    if (Array.isArray(owners)) {
      policyOwners.set(
        versionKey(request.commit, request.path),
        owners.filter((o): o is string => typeof o === 'string'),
      );
    }
  });
  const codeOwners = new Map<string, readonly string[]>();
  for (const commit of commits) {
    const base = commit.parents[0];
    const lines = base === undefined ? undefined : codeownersAt.get(base);
    if (base === undefined || lines === undefined) continue;
    for (const change of commit.changes) {
      for (const path of [change.path, change.from]) {
        if (path === undefined) continue;
        const rule = ruleFor(lines, path);
        if (rule !== undefined) {
          codeOwners.set(versionKey(base, path), rule.owners);
        }
      }
    }
  }
  return { codeOwners, policyOwners };
}

/** Every `@org/team` the owners name, for reading their members. */
export function teamsNamed(owners: OwnersAtBase): string[] {
  const all = [...owners.codeOwners.values(), ...owners.policyOwners.values()];
  return [
    ...new Set(
      all
        .flat()
        .filter((o) => /^@[^/\s]+\/\S+$/.test(o))
        .map((o) => o.toLowerCase()),
    ),
  ].sort();
}

import type { Finding } from '../model/index.ts';
import {
  BEGIN_MARKER,
  END_MARKER,
  merge,
  overrides,
} from './codeowners-block.ts';
import { anchoredForm, escapePath, ownerProblem } from './codeowners-syntax.ts';
import type { CatalogueLayout } from './read-catalogue.ts';

export { BEGIN_MARKER, END_MARKER };

/** GitHub does not load a CODEOWNERS file of 3 MB or more. */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

/** A catalogue file and the owners it names, in the order it names them. */
export interface OwnedFile {
  /** Catalogue-relative path, e.g. `roles/finance/ap-clerk.yaml`. */
  file: string;
  owners: readonly string[];
}

export interface CodeownersInput {
  /** Every role file. */
  roles: readonly OwnedFile[];
  /** Policy files; those that name no owners may be left out. */
  policies: readonly OwnedFile[];
  /**
   * Every file under the managed folders (catalogue-relative), so that a
   * hand-written rule overriding one of them can be reported.
   */
  files?: readonly string[];
}

export interface CodeownersOptions {
  /** The catalogue's folder inside the repository; '' for the root. */
  prefix?: string;
  layout?: CatalogueLayout;
  /**
   * Owners of `roles/` (a role file without a line of its own, i.e. a new
   * one), and of `policies/` when no policy file names owners. Default:
   * the owners the policy files name.
   */
  fallbackOwners?: readonly string[];
  /** Owners of `exceptions/`; default: the owners of `policies/`. */
  exceptionsOwners?: readonly string[];
  /** The current file: everything outside the markers is kept as it is. */
  existing?: string;
  /** The file's name in findings about it, e.g. `.github/CODEOWNERS`. */
  file?: string;
}

export interface CodeownersResult {
  text: string;
  /** Errors mean the text must not be written; warnings do not. */
  findings: Finding[];
  /** Role files with a line of their own, for a summary. */
  roleLines: number;
}

const LAYOUT: CatalogueLayout = {
  roles: 'roles',
  exceptions: 'exceptions',
  policies: 'policies',
};

// Past this column the alignment would push every owner off screen for
// the sake of one long path; longer patterns get a single space instead.
const MAX_COLUMN = 60;

interface Entry {
  pattern: string;
  owners: string[];
}

/**
 * CODEOWNERS text with a generated block between the marker comments: the
 * `roles/` fallback, a line per role file, `policies/` and the policy files
 * whose owners differ, and `exceptions/`. Folder lines come before the
 * files in them, because the last matching line wins. Lines outside the
 * block are kept byte for byte; without markers, hand-written lines the
 * block replaces are taken out and the block takes their place.
 */
export function renderCodeowners(
  input: CodeownersInput,
  options: CodeownersOptions = {},
): CodeownersResult {
  const layout = options.layout ?? LAYOUT;
  const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const repoPath = (file: string) =>
    prefix === '' ? file : `${prefix}/${file}`;
  const findings: Finding[] = [];
  const codeownersFile = options.file ?? 'CODEOWNERS';

  const valid = (
    owners: readonly string[],
    where: { file?: string; what: string },
  ): string[] => {
    const kept: string[] = [];
    owners.forEach((owner, i) => {
      const problem = ownerProblem(owner);
      if (problem === undefined) {
        if (!kept.includes(owner)) kept.push(owner);
        return;
      }
      findings.push({
        code: 'codeowners.bad-owner',
        severity: 'error',
        ...(where.file !== undefined && {
          file: where.file,
          path: `/owners/${i}`,
        }),
        message: `${where.what}: ${problem.message}`,
        hint: problem.hint,
      });
    });
    return kept;
  };
  const pattern = (file: string, folder: boolean): string | undefined => {
    const escaped = escapePath(repoPath(file) + (folder ? '/' : ''));
    if (escaped === undefined) {
      findings.push({
        code: 'codeowners.unwritable-path',
        severity: 'error',
        file,
        message:
          `the path ${JSON.stringify(file)} holds a control character or ` +
          'line break, which no CODEOWNERS line can carry',
        hint: 'rename the file or folder',
      });
    }
    return escaped;
  };
  const folderEntry = (folder: string, owners: string[], why: string) => {
    const at = pattern(folder, true);
    if (at === undefined) return [];
    if (owners.length === 0) {
      findings.push({
        code: 'codeowners.no-owners',
        severity: 'error',
        message: `nobody would own ${folder}/: ${why}`,
        hint: 'name owners in the policy files (`owners:`) or pass --fallback-owner',
      });
      return [];
    }
    return [{ pattern: at, owners }];
  };

  // Policies first: their owners are the default for everything else.
  const policies = [...input.policies].sort((a, b) => compare(a.file, b.file));
  const policyOwners = policies.map((policy) => ({
    file: policy.file,
    owners: valid(policy.owners, {
      file: policy.file,
      what: `policy file ${policy.file}`,
    }),
  }));
  const union = [...new Set(policyOwners.flatMap((p) => p.owners))];
  const fallback =
    options.fallbackOwners === undefined
      ? union
      : valid(options.fallbackOwners, { what: 'fallback owner' });
  const policyFolderOwners = union.length > 0 ? union : fallback;
  const exceptionsOwners =
    options.exceptionsOwners === undefined
      ? policyFolderOwners
      : valid(options.exceptionsOwners, { what: 'exceptions owner' });

  const rolesFolder = folderEntry(
    layout.roles,
    fallback,
    'a new role file would need no approval',
  );
  const roleEntries: Entry[] = [];
  const roles = [...input.roles].sort((a, b) => compare(a.file, b.file));
  for (const role of roles) {
    const owners = valid(role.owners, {
      file: role.file,
      what: `role file ${role.file}`,
    });
    const at = pattern(role.file, false);
    if (at !== undefined && owners.length > 0) {
      roleEntries.push({ pattern: at, owners });
    }
  }

  const policyEntries: Entry[] = folderEntry(
    layout.policies,
    policyFolderOwners,
    'no policy file names owners',
  );
  // Files that name the same owners as the folder need no line of their own.
  const sameAsFolder = (owners: string[]) =>
    owners.length === policyFolderOwners.length &&
    owners.every((owner) => policyFolderOwners.includes(owner));
  for (const policy of policyOwners) {
    if (policy.owners.length === 0 || sameAsFolder(policy.owners)) continue;
    const at = pattern(policy.file, false);
    if (at !== undefined) {
      policyEntries.push({ pattern: at, owners: policy.owners });
    }
  }

  const exceptionEntries = folderEntry(
    layout.exceptions,
    exceptionsOwners,
    'an exception would need no approval',
  );

  const all = [
    ...rolesFolder,
    ...roleEntries,
    ...policyEntries,
    ...exceptionEntries,
  ];
  const column = Math.min(
    MAX_COLUMN,
    Math.max(0, ...all.map((entry) => entry.pattern.length)) + 2,
  );
  const format = (entry: Entry) =>
    `${entry.pattern.padEnd(column - 1)} ${entry.owners.join(' ')}`;
  // Folder lines before the files in them: the last matching line wins.
  const block = [
    BEGIN_MARKER,
    '# A role file without a line of its own (a new role) falls back to these.',
    ...rolesFolder.map(format),
    '',
    '# Each role file: the owners listed in its `owners:`.',
    ...roleEntries.map(format),
    '',
    '# Policies: the owners the policy files name; a file that names other',
    '# owners has a line of its own.',
    ...policyEntries.map(format),
    '',
    '# Exceptions to the policies.',
    ...exceptionEntries.map(format),
    END_MARKER,
  ];
  const managedFolders = [layout.roles, layout.policies, layout.exceptions]
    .map((folder) => escapePath(repoPath(folder)))
    .filter((folder) => folder !== undefined);
  const text = merge(
    options.existing,
    block,
    new Set(all.map((entry) => anchoredForm(entry.pattern))),
    escapePath(repoPath(layout.roles)),
    codeownersFile,
    findings,
  );
  if (findings.every((f) => f.severity !== 'error')) {
    findings.push(
      ...overrides(
        text,
        codeownersFile,
        managedFolders,
        [
          ...new Set([
            ...(input.files ?? []),
            ...input.roles.map((r) => r.file),
            ...input.policies.map((p) => p.file),
          ]),
        ].map(repoPath),
      ),
    );
    if (new TextEncoder().encode(text).length >= MAX_CODEOWNERS_BYTES) {
      findings.push({
        code: 'codeowners.too-large',
        severity: 'error',
        file: codeownersFile,
        message:
          'the file would reach 3 MB, and GitHub ignores a CODEOWNERS file that large',
        hint: 'split the catalogue, or give folders owners instead of single roles',
      });
    }
  }
  return {
    text,
    findings,
    roleLines: roleEntries.length,
  };
}

/** Code-unit order: the same on every machine, whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

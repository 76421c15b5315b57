import type {
  Catalogue,
  ExceptionEntry,
  Finding,
  PolicyTestFile,
  RoleEntry,
} from '../model/index.ts';
import { emptyPolicySet } from '../model/index.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { evidenceFindings } from './evidence-findings.ts';
import { parseExceptionsSource } from './exceptions-file.ts';
import type { FileTree } from './file-tree.ts';
import { mergePolicySource } from './policy-file.ts';
import { parsePolicyTestSource } from './policy-test-file.ts';
import { parseRoleSource } from './role-file.ts';
import { compileOrganisationSchema } from './schemas.ts';
import { validateSource } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

export interface CatalogueLayout {
  roles: string;
  exceptions: string;
  policies: string;
}

export const DEFAULT_LAYOUT: CatalogueLayout = {
  roles: 'roles',
  exceptions: 'exceptions',
  policies: 'policies',
};

export interface ReadCatalogueOptions {
  /** Where roles and exceptions come from (the change under review). */
  grants: FileTree;
  /** Where policies come from: the base ref under `check --base`. */
  rules: FileTree;
  layout?: CatalogueLayout;
}

export interface ReadCatalogueResult {
  catalogue: Catalogue;
  /** YAML, schema and file-level findings. */
  findings: Finding[];
  /** Every parsed file, to place later findings on a line. */
  sources: Map<string, YamlSource>;
  files: string[];
}

const YAML_FILE = /\.ya?ml$/;

/** Reads and validates a catalogue; problems are findings, never thrown. */
export async function readCatalogue(
  options: ReadCatalogueOptions,
): Promise<ReadCatalogueResult> {
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const findings: Finding[] = [];
  const sources = new Map<string, YamlSource>();
  const files: string[] = [];

  const load = async (tree: FileTree, dir: string) => {
    const paths = (await tree.list(dir)).filter((file) => YAML_FILE.test(file));
    const contents = await readAll(tree, paths);
    const loaded: YamlSource[] = [];
    paths.forEach((file, i) => {
      files.push(file);
      const parsed = parseYamlFile(file, contents[i] ?? new Uint8Array());
      if (!parsed.ok) {
        findings.push(...parsed.findings);
        return;
      }
      sources.set(file, parsed.source);
      loaded.push(parsed.source);
    });
    return loaded;
  };

  // Roles: one per file, the file name is the id.
  const roles: RoleEntry[] = [];
  for (const source of await load(options.grants, layout.roles)) {
    const parsed = parseRoleSource(source);
    findings.push(...parsed.findings);
    // Checked here, not in parseRoleSource: explain reports a bad block
    // itself, as the reason it cannot explain the role.
    const role = parsed.role;
    findings.push(...evidenceFindings(source, role?.id));
    if (role !== undefined) roles.push({ role, file: source.file });
  }

  const exceptions: ExceptionEntry[] = [];
  for (const source of await load(options.grants, layout.exceptions)) {
    const parsed = parseExceptionsSource(source);
    findings.push(...parsed.findings);
    exceptions.push(...parsed.exceptions);
  }

  // Policies and policy tests: the rules the change is judged by.
  const policies = emptyPolicySet();
  const policyTests: PolicyTestFile[] = [];
  const testsDir = `${layout.policies}/tests/`;
  let organisationSchema: ValidateFunction | undefined;
  for (const source of await load(options.rules, layout.policies)) {
    if (source.file.startsWith(testsDir)) {
      const parsed = parsePolicyTestSource(source);
      findings.push(...parsed.findings);
      if (parsed.file !== undefined) policyTests.push(parsed.file);
      continue;
    }
    const merged = mergePolicySource(source, policies);
    findings.push(...merged.findings);
    if (merged.roleSchema !== undefined) {
      organisationSchema = await loadRoleSchema(
        options.rules,
        merged.roleSchema.file,
        merged.roleSchema.from,
        findings,
      );
    }
  }

  if (organisationSchema !== undefined) {
    for (const entry of roles) {
      const source = sources.get(entry.file);
      if (source === undefined) continue;
      findings.push(
        ...validateSource(organisationSchema, source, 'policy.role-schema'),
      );
    }
  }

  return {
    catalogue: { roles, exceptions, policies, policyTests },
    findings,
    sources,
    files: files.sort(),
  };
}

/** Reads files with bounded concurrency: fast on disk, kind to git. */
async function readAll(tree: FileTree, paths: string[]): Promise<Uint8Array[]> {
  if (tree.readMany !== undefined) return tree.readMany(paths);
  const contents: Uint8Array[] = new Array<Uint8Array>(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      const path = paths[index];
      if (path !== undefined) contents[index] = await tree.read(path);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return contents;
}

async function loadRoleSchema(
  tree: FileTree,
  file: string,
  from: string,
  findings: Finding[],
): Promise<ValidateFunction | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await tree.read(file);
  } catch {
    findings.push({
      code: 'policy.role-schema-missing',
      severity: 'error',
      file: from,
      path: '/least_privilege/role_schema',
      message: `the role schema ${file} does not exist in the ${tree.label}`,
      hint: 'add the schema file or remove least_privilege.role_schema',
    });
    return undefined;
  }
  let schema: unknown;
  try {
    schema = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    findings.push({
      code: 'policy.role-schema-invalid',
      severity: 'error',
      file,
      message:
        'the role schema is not valid JSON: ' +
        (error instanceof Error ? error.message : String(error)),
      hint: 'fix the JSON syntax',
    });
    return undefined;
  }
  try {
    return compileOrganisationSchema(schema, file);
  } catch (error) {
    // Reported like a schema that is not JSON: a finding in every format,
    // so the pull request that broke it sees why.
    findings.push({
      code: 'policy.role-schema-invalid',
      severity: 'error',
      file,
      message: error instanceof Error ? error.message : String(error),
      hint: 'fix the JSON Schema (draft 2020-12) for role files',
    });
    return undefined;
  }
}

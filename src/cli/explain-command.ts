import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { parseRoleSource } from '../catalogue/role-file.ts';
import { builtinSchema } from '../catalogue/schemas.ts';
import { parseYamlFile } from '../catalogue/yaml-source.ts';
import type { YamlSource } from '../catalogue/yaml-source.ts';
import {
  EXIT,
  inputError,
  isRolesmithError,
  RolesmithError,
  usageError,
} from '../errors.ts';
import type { EvidenceProblem, Explanation } from '../evidence/explain.ts';
import { explainRole } from '../evidence/explain.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { OnBadRecord } from '../inventory/reader.ts';
import type { Finding, Inventory, Role } from '../model/index.ts';
import { renderExplainMarkdown } from '../report/explain-markdown.ts';
import { renderExplainText } from '../report/explain-text.ts';
import type { CommandContext } from './command.ts';
import { withRelativeSources } from './source-paths.ts';
import { githubSourceFormat } from './github-source.ts';
import { stringList, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface RoleRead {
  /** The file as the user named it, relative to the working folder. */
  file: string;
  role: Role;
  source: YamlSource;
}

/**
 * `rolesmith explain <role file…> --inventory <source>…`: recomputes each
 * role's evidence from the inventory and says whether it was reproduced.
 */
export async function runExplain(ctx: CommandContext): Promise<number> {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(`unknown format "${format}"`, 'text, json or markdown');
  }
  const onBadRecord = stringOption(ctx.values, 'on-bad-record') ?? 'stop';
  if (onBadRecord !== 'stop' && onBadRecord !== 'skip') {
    throw usageError(
      `unknown --on-bad-record "${onBadRecord}"`,
      'stop or skip',
    );
  }
  if (ctx.positionals.length === 0) {
    throw usageError(
      'name at least one role file',
      'rolesmith explain roles/finance/ap-clerk.yaml --inventory ./hr-export',
    );
  }
  const notRole = ctx.positionals.find((p) => !/\.ya?ml$/i.test(p));
  if (notRole !== undefined) {
    throw usageError(
      `"${notRole}" is not a role file`,
      'role files (.yaml) as arguments, and each inventory source after its own --inventory',
    );
  }
  const specs = stringList(ctx.values, 'inventory');
  if (specs.length === 0) {
    throw usageError(
      'name the inventory to recompute the evidence from',
      '--inventory <source>, once per source, as they were given to rolesmith mine',
    );
  }

  // Role files first: a typo there should not wait for a large inventory.
  const roles: RoleRead[] = [];
  for (const spec of ctx.positionals) roles.push(await readRole(ctx, spec));
  const read = await readInventories(specs, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    onBadRecord: onBadRecord satisfies OnBadRecord,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  const inventory = withRelativeSources(read.inventory, ctx.cwd);
  const explained = roles.map(({ file, role, source }) => ({
    file,
    explanation: explain(role, inventory, source),
  }));

  const text =
    format === 'json'
      ? `${JSON.stringify(
          {
            tool: { name: 'rolesmith', version: rolesmithVersion() },
            roles: explained.map(({ file, explanation }) => ({
              file,
              ...explanation,
            })),
          },
          null,
          2,
        )}\n`
      : format === 'markdown'
        ? renderExplainMarkdown(explained)
        : renderExplainText(explained, {
            color:
              ctx.color && stringOption(ctx.values, 'output') === undefined,
          });
  const output = stringOption(ctx.values, 'output');
  if (output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, output), text);
  return explained.some((e) => e.explanation.reproduced === false)
    ? EXIT.findings
    : EXIT.ok;
}

async function readRole(ctx: CommandContext, spec: string): Promise<RoleRead> {
  const path = resolve(ctx.cwd, spec);
  const file = displayPath(ctx.cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw inputError(`cannot read the role file (${code})`, {
      file,
      expected: 'a role file, e.g. roles/finance/ap-clerk.yaml',
      cause: error,
    });
  }
  const parsed = parseYamlFile(file, bytes);
  if (!parsed.ok) throw findingError(parsed.findings);
  const { role, findings } = parseRoleSource(parsed.source);
  if (role === undefined) throw findingError(findings);
  // A file named unlike its id is a catalogue problem for `check`; its
  // evidence can still be explained.
  for (const f of findings) {
    ctx.logger.warn(`${file}:${f.line ?? 1}: ${f.message}`);
  }
  return { file, role, source: parsed.source };
}

/**
 * Explains one role with the shipped schema as the evidence check, and
 * gives faults inside the role file the line they are on.
 */
function explain(
  role: Role,
  inventory: Inventory,
  source: YamlSource,
): Explanation {
  try {
    return explainRole(role, inventory, {
      file: source.file,
      checkEvidence: schemaCheck,
    });
  } catch (error) {
    const path = isRolesmithError(error) ? error.location.path : undefined;
    if (!isRolesmithError(error) || path === undefined) throw error;
    const at = source.locate(path);
    throw new RolesmithError(error.message, {
      code: error.code,
      file: source.file,
      path,
      ...(at !== undefined && { line: at.line, column: at.column }),
      ...(error.expected !== undefined && { expected: error.expected }),
      cause: error,
    });
  }
}

/** The evidence block checked against schemas/evidence.schema.json. */
function schemaCheck(evidence: unknown): EvidenceProblem[] {
  const validate = builtinSchema('evidence');
  if (validate(evidence)) return [];
  return (validate.errors ?? []).map(problemOf);
}

function problemOf(error: ErrorObject): EvidenceProblem {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const name = String(params['additionalProperty']);
    const token = name.replaceAll('~', '~0').replaceAll('/', '~1');
    return {
      path: `${error.instancePath}/${token}`,
      message: `unknown property "${name}"`,
    };
  }
  if (error.keyword === 'required') {
    return {
      path: error.instancePath,
      message: `missing required property "${String(params['missingProperty'])}"`,
    };
  }
  const value =
    error.keyword === 'const'
      ? ` ${JSON.stringify(params['allowedValue'])}`
      : '';
  return {
    path: error.instancePath,
    message: `${error.message ?? 'is invalid'}${value}`,
  };
}

function displayPath(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/');
}

function findingError(findings: readonly Finding[]): RolesmithError {
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  const more =
    findings.length > 1 ? ` (and ${findings.length - 1} more problems)` : '';
  return inputError(
    `${first?.message ?? 'the role file cannot be read'}${more}`,
    {
      ...(first?.file !== undefined && { file: first.file }),
      ...(first?.line !== undefined && { line: first.line }),
      ...(first?.column !== undefined && { column: first.column }),
      expected: first?.hint ?? 'a role file as docs/formats.md describes',
    },
  );
}

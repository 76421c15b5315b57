import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Finding } from '../model/index.ts';
import { truncate } from '../errors.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * Validates parsed YAML and turns each schema error into a finding with
 * the line and column of the offending node.
 */
export function validateSource(
  validate: ValidateFunction,
  source: YamlSource,
  code = 'schema.invalid',
): Finding[] {
  return validateNode(
    validate,
    source,
    { pointer: '', value: source.data },
    code,
  );
}

/** A value inside a parsed file, and the JSON Pointer to it. */
export interface SourceNode {
  pointer: string;
  value: unknown;
}

/**
 * Validates one node of a file (e.g. a role's `/evidence`) against a
 * schema of its own; findings carry paths from the root of the file, so
 * that they find their line and read like the file's other findings.
 */
export function validateNode(
  validate: ValidateFunction,
  source: YamlSource,
  node: SourceNode,
  code: string,
): Finding[] {
  if (validate(node.value)) return [];
  const errors = pruneErrors(validate.errors ?? []).map((error) => ({
    ...error,
    instancePath: `${node.pointer}${error.instancePath}`,
  }));
  return errors.map((error) => {
    const path = pointerOf(error);
    const position = source.locate(path);
    return {
      code,
      severity: 'error',
      file: source.file,
      path,
      ...(position && { line: position.line, column: position.column }),
      message: describe(error),
      hint: hintFor(error),
    } satisfies Finding;
  });
}

/** Points at the property for `required` and `additionalProperties`. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    // ajv escapes instancePath; the property name must be escaped too.
    const property = String(params.additionalProperty)
      .replaceAll('~', '~0')
      .replaceAll('/', '~1');
    return `${error.instancePath}/${property}`;
  }
  return error.instancePath;
}

/**
 * `oneOf` and `anyOf` produce an error per branch; keep the summary and
 * drop branch noise so the reader sees one message per problem.
 */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const branches = branchErrors(errors);
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (branches.has(error)) return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A branch's errors come right before its summary. Most lie under the
 * summary's schemaPath, but one reached through a `$ref` (the evidence
 * block's `anyOf: [{ $ref: date }, …]`) carries the path of the
 * definition instead; it still belongs to the branch unless it is a
 * sibling keyword of the same schema object.
 */
function branchErrors(errors: ErrorObject[]): Set<ErrorObject> {
  const branches = new Set<ErrorObject>();
  errors.forEach((summary, i) => {
    if (summary.keyword !== 'oneOf' && summary.keyword !== 'anyOf') return;
    const inside = `${summary.schemaPath}/`;
    const holder = summary.schemaPath.slice(0, -summary.keyword.length);
    for (const error of errors.slice(0, i).reverse()) {
      const below =
        error.instancePath === summary.instancePath ||
        error.instancePath.startsWith(`${summary.instancePath}/`);
      if (!below) break;
      const ownKeyword =
        error.schemaPath.startsWith(holder) &&
        !error.schemaPath.startsWith(inside);
      if (ownKeyword) break;
      branches.add(error);
    }
    // Errors of earlier branches under the prefix, whatever their order.
    for (const error of errors) {
      if (error.schemaPath.startsWith(inside)) branches.add(error);
    }
  });
  return branches;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const where =
    error.instancePath === '' ? 'the file' : `"${error.instancePath}"`;
  switch (error.keyword) {
    case 'required':
      return `missing required property "${String(params.missingProperty)}" in ${where}`;
    case 'additionalProperties':
      return `unknown property "${truncate(String(params.additionalProperty))}" in ${where}`;
    case 'enum':
      return (
        `${where} must be one of: ` +
        (params.allowedValues as unknown[]).map(String).join(', ')
      );
    case 'type':
      return `${where} must be of type ${String(params.type)}`;
    case 'pattern':
      return `${where} does not match the expected form ${String(params.pattern)}`;
    case 'oneOf':
      return `${where} must match exactly one of the allowed forms`;
    case 'anyOf':
      return `${where} must match one of the allowed forms`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function hintFor(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'add the property; see docs/formats.md for an example';
    case 'additionalProperties':
      return 'remove the property or fix its spelling (keys are snake_case)';
    case 'pattern':
      return 'see docs/formats.md for the accepted form, e.g. sap:FB60 or 2027-03-31';
    default:
      return 'see docs/formats.md for the file format';
  }
}

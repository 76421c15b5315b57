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
  if (validate(source.data)) return [];
  const errors = pruneErrors(validate.errors ?? []);
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
  const branchPrefixes = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (branchPrefixes.some((prefix) => error.schemaPath.startsWith(prefix))) {
      return false;
    }
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
      return `${where} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'type':
      return `${where} must be of type ${String(params.type)}`;
    case 'pattern':
      return `${where} does not match the expected form ${String(params.pattern)}`;
    case 'oneOf':
      return `${where} must match exactly one of the allowed forms`;
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

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { RolesmithError } from '../errors.ts';

export type SchemaName =
  'role' | 'policy' | 'exceptions' | 'policy-test' | 'evidence';

const compiled = new Map<string, ValidateFunction>();

function createAjv(): Ajv2020 {
  // allErrors so a reviewer sees every problem in one run, not one by one.
  // strictRequired is off: it rejects `oneOf: [{ required: [a] }, …]` even
  // when `a` is declared next to the oneOf (ajv#1571), as in mitigations.
  return new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
}

const ajv = createAjv();

/** The JSON Schemas that ship with rolesmith, in `schemas/`. */
export function builtinSchema(name: SchemaName): ValidateFunction {
  const cached = compiled.get(name);
  if (cached !== undefined) return cached;
  const url = new URL(`../../schemas/${name}.schema.json`, import.meta.url);
  const schema = JSON.parse(readFileSync(url, 'utf8')) as object;
  const validate = ajv.compile(schema);
  compiled.set(name, validate);
  return validate;
}

/**
 * Compiles the organisation's own role schema (from policies/). A schema
 * that does not compile is a configuration error, not a finding.
 */
export function compileOrganisationSchema(
  schema: unknown,
  file: string,
): ValidateFunction {
  try {
    // A fresh instance: organisation schemas may reuse our $ids.
    return createAjv().compile(schema as object);
  } catch (error) {
    throw new RolesmithError(
      `the role schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: 'config',
        file,
        expected: 'a JSON Schema (draft 2020-12) for role files',
        cause: error,
      },
    );
  }
}

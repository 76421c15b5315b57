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

const organisation = new Map<string, ValidateFunction>();

/**
 * Compiles the organisation's own role schema (from policies/). A schema
 * that does not compile is a configuration error, not a finding.
 *
 * It shares the instance of the built-in schemas, because each new Ajv
 * instance compiles the draft 2020-12 meta-schema again, about half a
 * second that every command reading a catalogue paid. Compiled schemas
 * are kept by content: `check --base` reads the same schema on both
 * sides. A schema that claims one of our own $ids gets an instance of
 * its own, so that it cannot replace a built-in schema.
 */
export function compileOrganisationSchema(
  schema: unknown,
  file: string,
): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = organisation.get(key);
  if (cached !== undefined) return cached;
  try {
    const id = schemaId(schema);
    let validate: ValidateFunction;
    if (id?.startsWith(BUILTIN_ID_PREFIX) === true) {
      validate = createAjv().compile(schema as object);
    } else {
      // Another version of the same $id (the base branch's) replaces it.
      if (id !== undefined) ajv.removeSchema(id);
      validate = ajv.compile(schema as object);
    }
    organisation.set(key, validate);
    return validate;
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

const BUILTIN_ID_PREFIX = 'https://rolesmith.dev/schemas/';

function schemaId(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === 'string' ? id : undefined;
}

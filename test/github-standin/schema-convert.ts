import type { SchemaObject } from './openapi-document.ts';

/** The `$id` under which the converted components are added to ajv. */
export const COMPONENTS_ID = 'github-openapi';

const SCHEMA_MAPS = ['properties', 'patternProperties'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SINGLE_SCHEMAS = ['items', 'not', 'additionalProperties'] as const;
// Annotations ajv never needs; dropping them keeps the copy small.
const DROPPED = new Set([
  'description',
  'title',
  'example',
  'examples',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'xml',
  'discriminator',
]);

/**
 * Turns an OpenAPI 3.0 schema into JSON Schema that ajv understands:
 * `nullable: true` becomes a type union (or an `anyOf` with null where
 * there is no plain type), and `#/components/...` references point into
 * the components document added under {@link COMPONENTS_ID}. The walk
 * knows which keywords hold schemas, so a property that happens to be
 * called `nullable` or `$ref` is left alone.
 */
export function convertSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map(convertSchema);
  const source = schema as SchemaObject;
  if (typeof source.$ref === 'string') {
    const ref = source.$ref;
    return { $ref: ref.startsWith('#/') ? `${COMPONENTS_ID}${ref}` : ref };
  }

  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith('x-') || key === 'nullable') {
      continue;
    }
    if ((SCHEMA_MAPS as readonly string[]).includes(key)) {
      out[key] = mapValues(value, convertSchema);
    } else if ((SCHEMA_LISTS as readonly string[]).includes(key)) {
      out[key] = Array.isArray(value) ? value.map(convertSchema) : value;
    } else if ((SINGLE_SCHEMAS as readonly string[]).includes(key)) {
      out[key] = convertSchema(value);
    } else {
      out[key] = value;
    }
  }
  return source.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: SchemaObject): SchemaObject {
  const composed = SCHEMA_LISTS.some((key) => key in schema);
  if (typeof schema.type === 'string' && !composed) {
    const enumValues: unknown = schema.enum;
    return {
      ...schema,
      type: [schema.type, 'null'],
      ...(Array.isArray(enumValues) &&
        !enumValues.includes(null) && {
          enum: [...(enumValues as unknown[]), null],
        }),
    };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * GitHub silently ignores unknown body fields, which hides typos such as
 * `permision`. The stand-in is stricter than GitHub on purpose: every
 * inline object schema of a request body that lists its properties and
 * says nothing about others is closed. `allOf` members stay open, since
 * closing each would reject the properties of the others; referenced
 * component schemas stay as GitHub wrote them.
 */
export function closeObjects(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map(closeObjects);
  const source = schema as SchemaObject;
  if (typeof source.$ref === 'string') return source;

  const out: SchemaObject = { ...source };
  if (source.properties !== undefined) {
    out.properties = mapValues(source.properties, closeObjects);
  }
  if (source.items !== undefined) out.items = closeObjects(source.items);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(source[key])) out[key] = source[key].map(closeObjects);
  }
  const composed = SCHEMA_LISTS.some((key) => key in source);
  if (
    typeof source.properties === 'object' &&
    !('additionalProperties' in source) &&
    !composed
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(value: unknown, fn: (schema: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, fn(child)]),
  );
}

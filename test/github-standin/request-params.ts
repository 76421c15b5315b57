import type { ParameterObject, SchemaObject } from './openapi-document.ts';
import { convertSchema } from './schema-convert.ts';

/**
 * A JSON Schema for one location's parameters as an object: documented
 * names only (anything else is an unknown parameter), required ones
 * required.
 */
export function parametersSchema(
  parameters: ParameterObject[],
  location: 'path' | 'query',
): SchemaObject {
  const own = parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(
      own.map((p) => [p.name, convertSchema(p.schema ?? {})]),
    ),
    required: own.filter((p) => p.required === true).map((p) => p.name),
    additionalProperties: false,
  };
}

/**
 * Turns raw query strings into the JSON values their schemas describe, so
 * that `per_page=abc` fails as a non-integer instead of passing as text.
 * Arrays come comma separated (as Octokit sends them) or repeated.
 */
export function coerceQuery(
  query: URLSearchParams,
  parameters: ParameterObject[],
): Record<string, unknown> {
  const byName = new Map(
    parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
  );
  const out: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    const schema = byName.get(name)?.schema ?? {};
    out[name] = coerceValues(values, schema);
  }
  return out;
}

export function coercePath(
  params: Record<string, string>,
  parameters: ParameterObject[],
): Record<string, unknown> {
  const byName = new Map(
    parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]),
  );
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      coerceValues([value], byName.get(name)?.schema ?? {}),
    ]),
  );
}

function coerceValues(values: string[], schema: SchemaObject): unknown {
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as SchemaObject;
    const parts = values.length === 1 ? (values[0] ?? '').split(',') : values;
    return parts.map((part) => coerceScalar(part, items));
  }
  // A repeated scalar stays an array, which then fails its type check.
  if (values.length > 1) return values;
  return coerceScalar(values[0] ?? '', schema);
}

function coerceScalar(value: string, schema: SchemaObject): unknown {
  const type = schema.type;
  if (
    (type === 'integer' || type === 'number') &&
    /^-?\d+(\.\d+)?$/.test(value)
  ) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The slice of an OpenAPI 3.0 document the stand-in reads. Schemas stay
 * `unknown`-ish records: the validator converts them, nothing else looks
 * inside.
 */
export type SchemaObject = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
  headers?: Record<string, unknown>;
}

export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  parameters?: (ParameterObject | RefObject)[];
  requestBody?: RequestBodyObject | RefObject;
  responses: Record<string, ResponseObject | RefObject>;
}

export interface RefObject {
  $ref: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    requestBodies?: Record<string, RequestBodyObject>;
  };
}

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
] as const;

let cached: OpenApiDocument | undefined;

/**
 * GitHub's REST description from `@octokit/openapi`, parsed once per test
 * process: the file is 13 MB and every validator shares it. Only the plain
 * (not dereferenced) api.github.com document is read.
 */
export function loadGithubOpenApi(): OpenApiDocument {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const file =
    require.resolve('@octokit/openapi/generated/api.github.com.json');
  // The document is trusted build input (a pinned dev dependency).
  cached = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  return cached;
}

export function isRef(value: unknown): value is RefObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    '$ref' in value &&
    typeof value.$ref === 'string'
  );
}

/** Resolves a `#/components/<section>/<name>` reference, one level deep. */
export function resolveComponent<T>(
  document: OpenApiDocument,
  value: T | RefObject,
): T {
  if (!isRef(value)) return value;
  const [hash, components, section, name] = value.$ref.split('/');
  if (hash !== '#' || components !== 'components' || !section || !name) {
    throw new Error(`unsupported $ref ${value.$ref}`);
  }
  const table = (document.components as Record<string, unknown>)[section];
  const found = (table as Record<string, unknown> | undefined)?.[name];
  if (found === undefined) throw new Error(`dangling $ref ${value.$ref}`);
  return found as T;
}

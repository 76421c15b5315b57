import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type {
  MediaTypeObject,
  OpenApiDocument,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from './openapi-document.ts';
import { loadGithubOpenApi, resolveComponent } from './openapi-document.ts';
import type { Operation, OperationMatch } from './operation-index.ts';
import { OperationIndex } from './operation-index.ts';
import { coercePath, coerceQuery, parametersSchema } from './request-params.ts';
import {
  closeObjects,
  COMPONENTS_ID,
  convertSchema,
} from './schema-convert.ts';

/** One way a request or response breaks GitHub's description. */
export interface Problem {
  location: 'path' | 'query' | 'body' | 'status' | 'response';
  message: string;
}

export interface RequestCheck {
  problems: Problem[];
  /** The query with values coerced to their documented types. */
  query: Record<string, unknown>;
}

export interface ResponseCheckOptions {
  /**
   * Set for answers GitHub gives on any endpoint (bad credentials, rate
   * limits, validation failures of the request): their status need not be
   * documented for the operation, but the body must still be a GitHub
   * error object.
   */
  protocol?: boolean;
}

/**
 * Validates requests and responses against GitHub's OpenAPI description.
 * Validators are compiled on first use per operation and status, then
 * cached: compiling all of GitHub's schemas up front would take minutes.
 */
export class OpenApiValidator {
  readonly index: OperationIndex;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.index = new OperationIndex(document);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // GitHub's schemas use date-time, date, uri, uri-template, email, int64.
    ajvFormats.default(this.ajv);
    const schemas = Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [
        name,
        convertSchema(schema),
      ]),
    );
    // Skipping meta-validation of 4,000 schemas saves most of a second.
    this.ajv.addSchema(
      { $id: COMPONENTS_ID, components: { schemas } },
      undefined,
      undefined,
      false,
    );
  }

  match(method: string, pathname: string): OperationMatch | undefined {
    return this.index.match(method, pathname);
  }

  validateRequest(
    match: OperationMatch,
    query: URLSearchParams,
    body: unknown,
  ): RequestCheck {
    const { operation } = match;
    const problems: Problem[] = [];
    const path = coercePath(match.pathParams, operation.parameters);
    const coerced = coerceQuery(query, operation.parameters);
    this.check(`${operation.id} path`, 'path', path, problems, () =>
      parametersSchema(operation.parameters, 'path'),
    );
    this.check(`${operation.id} query`, 'query', coerced, problems, () =>
      parametersSchema(operation.parameters, 'query'),
    );
    this.checkBody(operation, body, problems);
    return { problems, query: coerced };
  }

  validateResponse(
    operation: Operation,
    status: number,
    body: unknown,
    options: ResponseCheckOptions = {},
  ): Problem[] {
    const problems: Problem[] = [];
    const documented = operation.spec.responses[String(status)];
    let schema: unknown;
    if (documented === undefined) {
      if (options.protocol !== true) {
        const known = Object.keys(operation.spec.responses).join(', ');
        problems.push({
          location: 'status',
          message: `status ${status} is not documented for ${operation.id} (documented: ${known})`,
        });
      }
      schema = errorSchema(status);
    } else {
      const response = resolveComponent<ResponseObject>(
        this.document,
        documented,
      );
      schema = jsonSchemaOf(response.content);
    }
    if (schema === undefined) {
      if (body !== undefined) {
        problems.push({
          location: 'response',
          message: `${operation.id} documents no body for status ${status}, but one was sent`,
        });
      }
      return problems;
    }
    const key = `${operation.id} ${status}${documented ? '' : ' protocol'}`;
    this.check(key, 'response', body, problems, () => convertSchema(schema));
    return problems;
  }

  private checkBody(
    operation: Operation,
    body: unknown,
    problems: Problem[],
  ): void {
    const declared = operation.spec.requestBody;
    if (declared === undefined) {
      if (body !== undefined) {
        problems.push({
          location: 'body',
          message: `${operation.id} takes no request body`,
        });
      }
      return;
    }
    const requestBody = resolveComponent<RequestBodyObject>(
      this.document,
      declared,
    );
    if (body === undefined) {
      if (requestBody.required === true) {
        problems.push({
          location: 'body',
          message: 'a request body is required',
        });
      }
      return;
    }
    const schema = jsonSchemaOf(requestBody.content);
    if (schema === undefined) return;
    this.check(`${operation.id} body`, 'body', body, problems, () =>
      closeObjects(convertSchema(schema)),
    );
  }

  private check(
    key: string,
    location: Problem['location'],
    value: unknown,
    problems: Problem[],
    build: () => unknown,
  ): void {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(build() as SchemaObject);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return;
    for (const message of describeErrors(validate.errors ?? [])) {
      problems.push({ location, message });
    }
  }
}

let shared: OpenApiValidator | undefined;

/** The one validator of this test process, built on first use. */
export function githubValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator(loadGithubOpenApi());
  return shared;
}

function jsonSchemaOf(
  content: Record<string, MediaTypeObject> | undefined,
): SchemaObject | undefined {
  if (content === undefined) return undefined;
  const type = Object.keys(content).find((name) => /json/.test(name));
  return type === undefined ? undefined : content[type]?.schema;
}

function errorSchema(status: number): SchemaObject {
  const name = status === 422 ? 'validation-error' : 'basic-error';
  return { $ref: `#/components/schemas/${name}` };
}

/** Readable, de-duplicated ajv errors: `/0/login must be string`. */
export function describeErrors(errors: ErrorObject[]): string[] {
  const lines = errors.map((error) => {
    const at = error.instancePath === '' ? '(root)' : error.instancePath;
    const params = error.params as Record<string, unknown>;
    let detail = '';
    if (typeof params.additionalProperty === 'string') {
      detail = ` (unknown: ${params.additionalProperty})`;
    } else if (Array.isArray(params.allowedValues)) {
      detail = ` (allowed: ${params.allowedValues.map(String).join(', ')})`;
    }
    return `${at} ${error.message ?? error.keyword}${detail}`;
  });
  return [...new Set(lines)];
}

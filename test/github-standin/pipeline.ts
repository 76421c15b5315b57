import type { FaultQueue } from './faults.ts';
import { faultResponse } from './faults.ts';
import type { HandlerResponse, HandlerTable } from './handler.ts';
import type { OpenApiValidator, Problem } from './openapi-validator.ts';
import type { Operation } from './operation-index.ts';
import type { Urls } from './resources.ts';
import { errorJson } from './resources.ts';
import type { World } from './world.ts';

export type ViolationKind =
  'unknown-endpoint' | 'request' | 'response' | 'not-implemented';

export interface PipelineRequest {
  method: string;
  /** The API path, without a base url prefix. */
  path: string;
  url: URL;
  authorization: string | undefined;
  body: Buffer;
}

export interface PipelineContext {
  token: string;
  validator: OpenApiValidator;
  handlers: HandlerTable;
  faults: FaultQueue;
  world: World;
  urls: Urls;
  violate(kind: ViolationKind, message: string, operationId?: string): void;
}

export interface Outcome {
  operation?: Operation;
  /** Undefined when the connection is to be dropped (a network fault). */
  response?: HandlerResponse;
}

/**
 * One request through the stand-in, in GitHub's order: route, then
 * authenticate, then parse and validate, then any queued fault, then the
 * handler. Whatever is answered is validated against the operation's
 * documented responses before it leaves.
 */
export async function runPipeline(
  request: PipelineRequest,
  context: PipelineContext,
): Promise<Outcome> {
  const outcome = await answer(request, context);
  const { operation, response } = outcome;
  if (operation === undefined || response === undefined) return outcome;
  const problems = context.validator.validateResponse(
    operation,
    response.status,
    response.body,
    { protocol: response.protocol === true },
  );
  for (const problem of problems) {
    context.violate('response', describe(problem), operation.id);
  }
  return outcome;
}

async function answer(
  request: PipelineRequest,
  context: PipelineContext,
): Promise<Outcome> {
  const { method, path } = request;
  const match = context.validator.match(method, path);
  if (match === undefined) {
    const message = `${method} ${path} is not in GitHub's OpenAPI description`;
    context.violate('unknown-endpoint', message);
    return { response: { status: 404, body: errorJson('Not Found', 404) } };
  }
  const { operation } = match;
  const refuse = (status: number, body: unknown): Outcome => ({
    operation,
    response: { status, body, protocol: true },
  });
  const violate = (kind: ViolationKind, message: string) => {
    context.violate(kind, message, operation.id);
  };

  if (!authorised(request.authorization, context.token)) {
    return refuse(401, errorJson('Bad credentials', 401));
  }

  let body: unknown;
  if (request.body.length > 0) {
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      violate('request', 'the request body is not JSON');
      return refuse(400, errorJson('Problems parsing JSON', 400));
    }
  }
  const check = context.validator.validateRequest(
    match,
    request.url.searchParams,
    body,
  );
  if (check.problems.length > 0) {
    for (const problem of check.problems) violate('request', describe(problem));
    return refuse(422, validationFailed(check.problems));
  }

  const fault = context.faults.take(operation.id);
  if (fault !== undefined) {
    const response = faultResponse(fault, Math.floor(Date.now() / 1000));
    return response === undefined
      ? { operation }
      : { operation, response: { ...response, protocol: true } };
  }

  const handler = context.handlers[operation.id];
  if (handler === undefined) {
    violate(
      'not-implemented',
      `the stand-in has no handler for ${operation.id}`,
    );
    return refuse(404, errorJson('Not Found', 404));
  }
  try {
    const response = await handler({
      operation,
      params: match.pathParams,
      query: check.query,
      body,
      world: context.world,
      urls: context.urls,
      url: request.url,
    });
    return { operation, response };
  } catch (error) {
    violate('response', `the handler threw: ${String(error)}`);
    return refuse(500, errorJson('Server Error', 500));
  }
}

function authorised(header: string | undefined, token: string): boolean {
  const match = /^(?:token|bearer) (.+)$/i.exec(header ?? '');
  return match?.[1] === token;
}

function describe(problem: Problem): string {
  return `${problem.location}: ${problem.message}`;
}

function validationFailed(problems: Problem[]) {
  return {
    message: 'Validation Failed',
    documentation_url: 'https://docs.github.com/rest',
    status: '422',
    errors: problems.map((p) => ({
      resource: p.location,
      code: 'invalid',
      message: p.message,
    })),
  };
}

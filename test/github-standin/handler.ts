import type { Operation } from './operation-index.ts';
import type { Json, Urls } from './resources.ts';
import { errorJson } from './resources.ts';
import type { World } from './world.ts';

/** What a handler sees of one validated request. */
export interface HandlerContext {
  operation: Operation;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** Query parameters, coerced to their documented types. */
  query: Record<string, unknown>;
  body: unknown;
  world: World;
  urls: Urls;
  /** The request url as the client sent it, for `Link` headers. */
  url: URL;
}

export interface HandlerResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Marks an answer GitHub gives on any endpoint (404 for something that
   * does not exist or is hidden): the status need not be documented for
   * the operation, the body must be a GitHub error.
   */
  protocol?: boolean;
}

export type Handler = (
  context: HandlerContext,
) => HandlerResponse | Promise<HandlerResponse>;

/** Handlers by operation id, e.g. `orgs/list-members`. */
export type HandlerTable = Record<string, Handler>;

export function ok(body: unknown, status = 200): HandlerResponse {
  return { status, body };
}

export function notFound(): HandlerResponse {
  return { status: 404, body: errorJson('Not Found', 404), protocol: true };
}

/**
 * One page of `items` as GitHub pages lists: `per_page` (30 by default,
 * at most 100) and `page`, with a `Link` header naming the next, last,
 * first and previous pages. `wrap` builds namespaced bodies such as
 * `{ total_count, installations }`.
 */
export function paginate(
  context: HandlerContext,
  items: Json[],
  wrap?: (page: Json[], total: number) => Json,
): HandlerResponse {
  const perPage = clamp(numberOr(context.query.per_page, 30), 1, 100);
  const page = Math.max(1, numberOr(context.query.page, 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);

  const link = (n: number, rel: string) => {
    const url = new URL(context.url);
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));

  return {
    status: 200,
    body: wrap === undefined ? slice : wrap(slice, items.length),
    ...(links.length > 0 && { headers: { link: links.join(', ') } }),
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
} from './openapi-document.ts';
import { HTTP_METHODS, resolveComponent } from './openapi-document.ts';

/** One documented operation, with its parameters resolved. */
export interface Operation {
  id: string;
  method: string;
  /** The path template, e.g. `/orgs/{org}/members`. */
  template: string;
  parameters: ParameterObject[];
  spec: OperationObject;
}

export interface OperationMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

interface Route {
  operation: Operation;
  segments: string[];
}

/**
 * Finds the documented operation for a method and a concrete path. When
 * several templates fit (`/orgs/{org}/teams` and `/orgs/{org}/{x}`), the
 * one with a literal segment where the other has a parameter wins, as a
 * router would. A final `{path}` or `{ref}` may span several segments,
 * since GitHub accepts `contents/a/b.txt` and `git/refs/heads/main`.
 */
export class OperationIndex {
  private readonly routes = new Map<string, Route[]>();
  private readonly byId = new Map<string, Operation>();

  constructor(document: OpenApiDocument) {
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const spec = item[method] as OperationObject | undefined;
        if (spec === undefined) continue;
        const shared = (item.parameters ?? []) as ParameterObject[];
        const parameters = [...shared, ...(spec.parameters ?? [])].map(
          (parameter) => resolveComponent(document, parameter),
        );
        const operation: Operation = {
          id: spec.operationId,
          method: method.toUpperCase(),
          template,
          parameters,
          spec,
        };
        this.byId.set(operation.id, operation);
        const list = this.routes.get(operation.method) ?? [];
        list.push({ operation, segments: splitPath(template) });
        this.routes.set(operation.method, list);
      }
    }
  }

  get(operationId: string): Operation | undefined {
    return this.byId.get(operationId);
  }

  match(method: string, pathname: string): OperationMatch | undefined {
    const parts = splitPath(pathname);
    let best: { match: OperationMatch; score: string } | undefined;
    for (const route of this.routes.get(method.toUpperCase()) ?? []) {
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      // An exact length beats a spanning tail; then literals beat params.
      const score =
        (route.segments.length === parts.length ? '1' : '0') +
        route.segments.map((s) => (isParam(s) ? '0' : '1')).join('');
      if (best === undefined || score > best.score) {
        best = {
          match: { operation: route.operation, pathParams: params },
          score,
        };
      }
    }
    return best?.match;
  }
}

// Only these hold slashes: file paths and refs such as `heads/main`.
const SPANNING = new Set(['{path}', '{ref}']);

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(
  template: string[],
  parts: string[],
): Record<string, string> | undefined {
  const last = template[template.length - 1];
  const spans = last !== undefined && SPANNING.has(last);
  if (parts.length < template.length) return undefined;
  if (parts.length > template.length && !spans) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const isTail = i === template.length - 1;
    const part = isTail ? parts.slice(i).join('/') : (parts[i] ?? '');
    if (part === '') return undefined;
    if (!isParam(segment)) {
      if (segment !== part) return undefined;
      continue;
    }
    params[segment.slice(1, -1)] = safeDecode(part);
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** `/orgs/acme/` gives `['orgs', 'acme']`; the root path gives `[]`. */
function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

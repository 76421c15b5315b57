import type { FaultSpec } from './faults.ts';
import type { HandlerTable } from './handler.ts';
import { githubValidator } from './openapi-validator.ts';
import { orgHandlers } from './org-handlers.ts';
import type { RecordedRequest, Violation } from './server.ts';
import { StandinServer } from './server.ts';
import type { World, WorldSpec } from './world.ts';
import { createWorld } from './world.ts';

export type { FaultSpec } from './faults.ts';
export type {
  Handler,
  HandlerContext,
  HandlerResponse,
  HandlerTable,
} from './handler.ts';
export type { RecordedRequest, Violation } from './server.ts';
export type { World, WorldSpec } from './world.ts';

export interface StandinOptions {
  world: WorldSpec | World;
  /** The token clients must send; `ghp_standin…` when omitted. */
  token?: string;
  /** More handlers (or overrides), keyed by operation id. */
  handlers?: HandlerTable;
  /** Serve below a prefix, as GitHub Enterprise serves `/api/v3`. */
  pathPrefix?: string;
}

export interface GithubStandin {
  baseUrl: string;
  token: string;
  world: World;
  violations: readonly Violation[];
  requests: readonly RecordedRequest[];
  injectFault(fault: FaultSpec): void;
  clearRequests(): void;
  /** Returns the violations so far and forgets them. */
  takeViolations(): Violation[];
  /** Throws, listing them, when any request or response broke the spec. */
  assertNoViolations(): void;
  close(): Promise<void>;
}

/**
 * Starts a GitHub stand-in on 127.0.0.1 at a random port. Handlers for
 * the organisation endpoints are built in. To serve more of GitHub, add
 * state to `world.ts` and a handler table (like `org-handlers.ts`) keyed
 * by operation id, and pass it as `handlers`; handlers may change the
 * world, so a write is visible to the next read. Every request and
 * response is checked against GitHub's description whatever the handler.
 */
export async function startGithubStandin(
  options: StandinOptions,
): Promise<GithubStandin> {
  const world =
    'nextId' in options.world ? options.world : createWorld(options.world);
  const token = options.token ?? 'ghp_standin0000000000000000000000000000';
  const server = new StandinServer({
    token,
    world,
    handlers: { ...orgHandlers, ...options.handlers },
    validator: githubValidator(),
    ...(options.pathPrefix !== undefined && { pathPrefix: options.pathPrefix }),
  });
  await server.listen();
  const take = () => server.violations.splice(0, server.violations.length);
  return {
    baseUrl: server.baseUrl,
    token,
    world,
    violations: server.violations,
    requests: server.requests,
    injectFault: (fault) => {
      server.faults.add(fault);
    },
    takeViolations: take,
    clearRequests: () => {
      server.requests.length = 0;
    },
    assertNoViolations() {
      const found = take();
      server.faults.clear();
      if (found.length === 0) return;
      const lines = found.map(
        (v) => `- ${v.kind} ${v.method} ${v.path}: ${v.message}`,
      );
      throw new Error(
        `the GitHub stand-in saw ${found.length} violation(s):\n${lines.join('\n')}`,
      );
    },
    close: () => server.close(),
  };
}

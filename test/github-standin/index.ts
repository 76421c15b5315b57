import type { FaultSpec } from './faults.ts';
import type { HandlerTable } from './handler.ts';
import { InFlight } from './in-flight.ts';
import { githubValidator } from './openapi-validator.ts';
import { orgHandlers } from './org-handlers.ts';
import type { TokenAccess } from './pull-access.ts';
import { createPullHandlers } from './pull-handlers.ts';
import type { TokenBackend } from './pull-token-router.ts';
import { TokenRouter } from './pull-token-router.ts';
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
export type { Actor, TokenAccess } from './pull-access.ts';
export type { InFlight } from './in-flight.ts';
export type { RecordedRequest, Violation } from './server.ts';
export type { World, WorldSpec } from './world.ts';

/** A further token the stand-in accepts, answering as its user. */
export interface TokenSpec {
  token: string;
  login: string;
  /** `read` refuses every write with GitHub's 403; `write` by default. */
  access?: TokenAccess;
}

export interface StandinOptions {
  world: WorldSpec | World;
  /** The token clients must send; `ghp_standin…` when omitted. */
  token?: string;
  /** The user `token` belongs to; `octocat` when omitted. */
  login?: string;
  /** What `token` may do; `write` when omitted. */
  access?: TokenAccess;
  /** More tokens, for tests that need several users or a read-only one. */
  tokens?: TokenSpec[];
  /** More handlers (or overrides), keyed by operation id. */
  handlers?: HandlerTable;
  /** Serve below a prefix, as GitHub Enterprise serves `/api/v3`. */
  pathPrefix?: string;
  /**
   * Milliseconds every answer waits before it is sent, to measure how a
   * client copes with a distant server; 0 when omitted.
   */
  latencyMs?: number;
}

export interface GithubStandin {
  baseUrl: string;
  token: string;
  /** The login of `token`'s user. */
  login: string;
  world: World;
  violations: readonly Violation[];
  requests: readonly RecordedRequest[];
  /** Requests being answered now, and the most at once, across tokens. */
  inFlight: InFlight;
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
 * the organisation and pull-request endpoints are built in. To serve more
 * of GitHub, add state to `world.ts` and a handler table (like
 * `org-handlers.ts`) keyed by operation id, and pass it as `handlers`;
 * handlers may change the world, so a write is visible to the next read.
 * Every request and response is checked against GitHub's description
 * whatever the handler.
 *
 * Each token gets a server of its own, sharing the world and the fault
 * queue, behind one router (see `pull-token-router.ts`): that is how a
 * handler knows whose request it answers.
 */
export async function startGithubStandin(
  options: StandinOptions,
): Promise<GithubStandin> {
  const world =
    'nextId' in options.world ? options.world : createWorld(options.world);
  const token = options.token ?? 'ghp_standin0000000000000000000000000000';
  const login = options.login ?? 'octocat';
  const sessions: TokenSpec[] = [
    { token, login, access: options.access ?? 'write' },
    ...(options.tokens ?? []),
  ];
  const tokens = new Set(sessions.map((s) => s.token));
  if (tokens.size !== sessions.length) {
    throw new Error('every stand-in token must be different');
  }
  const validator = githubValidator();
  const inFlight = new InFlight();
  const servers = sessions.map(
    (session) =>
      new StandinServer({
        token: session.token,
        world,
        handlers: {
          ...orgHandlers,
          ...createPullHandlers({
            login: session.login,
            access: session.access ?? 'write',
          }),
          ...options.handlers,
        },
        validator,
        inFlight,
        ...(options.latencyMs !== undefined && {
          latencyMs: options.latencyMs,
        }),
        ...(options.pathPrefix !== undefined && {
          pathPrefix: options.pathPrefix,
        }),
      }),
  );
  await Promise.all(servers.map((server) => server.listen()));
  const [primary] = servers;
  if (primary === undefined) throw new Error('no stand-in server');
  for (const server of servers.slice(1)) server.faults.follow(primary.faults);

  // One list of requests and violations across the tokens, in order.
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const backends = new Map<string, TokenBackend & { server: StandinServer }>();
  servers.forEach((server, i) => {
    const session = sessions[i];
    if (session === undefined) return;
    backends.set(session.token, { port: portOf(server.baseUrl), server });
  });
  const collect = (server: StandinServer) => {
    requests.push(...server.requests.splice(0));
    violations.push(...server.violations.splice(0));
  };
  const primaryBackend = backends.get(token);
  if (primaryBackend === undefined) throw new Error('no stand-in server');
  const router = new TokenRouter(
    backends,
    primaryBackend,
    (options.pathPrefix ?? '').replace(/\/+$/, ''),
    (backend) => {
      collect(backend.server);
    },
  );
  await router.listen();
  // Resource urls must name the address clients use.
  for (const server of servers) server.baseUrl = router.baseUrl;

  const take = () => {
    servers.forEach(collect);
    return violations.splice(0, violations.length);
  };
  return {
    baseUrl: router.baseUrl,
    token,
    login,
    world,
    violations,
    requests,
    inFlight,
    injectFault: (fault) => {
      primary.faults.add(fault);
    },
    takeViolations: take,
    clearRequests: () => {
      servers.forEach(collect);
      requests.length = 0;
    },
    assertNoViolations() {
      const found = take();
      primary.faults.clear();
      if (found.length === 0) return;
      const lines = found.map(
        (v) => `- ${v.kind} ${v.method} ${v.path}: ${v.message}`,
      );
      throw new Error(
        `the GitHub stand-in saw ${found.length} violation(s):\n${lines.join('\n')}`,
      );
    },
    close: async () => {
      await router.close();
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

function portOf(baseUrl: string): number {
  return Number(new URL(baseUrl).port);
}

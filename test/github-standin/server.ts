import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultQueue } from './faults.ts';
import type { HandlerResponse, HandlerTable } from './handler.ts';
import { InFlight } from './in-flight.ts';
import type { OpenApiValidator } from './openapi-validator.ts';
import type { ViolationKind } from './pipeline.ts';
import { runPipeline } from './pipeline.ts';
import type { World } from './world.ts';

/** Something the client or the stand-in did that GitHub's description forbids. */
export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  message: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, without the base url's path prefix. */
  path: string;
  operationId?: string;
  /** 0 when the stand-in dropped the connection. */
  status: number;
}

export interface StandinServerOptions {
  token: string;
  world: World;
  handlers: HandlerTable;
  validator: OpenApiValidator;
  /** `/api/v3` serves the API below a prefix, as GitHub Enterprise does. */
  pathPrefix?: string;
  rateLimit?: number;
  /** Milliseconds each answer waits, as a distant server would; 0 by default. */
  latencyMs?: number;
  /** Shared by the servers behind one router, to count across tokens. */
  inFlight?: InFlight;
}

/**
 * The stand-in's HTTP side: reads requests, runs them through the
 * pipeline, records requests and violations, and sends the answer with
 * GitHub's headers (rate limit, request id, media type). Where GitHub
 * would refuse a request (404, 401, 400, 422) the client is refused too,
 * so the failure shows in the client as well as in `violations`.
 */
export class StandinServer {
  readonly violations: Violation[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultQueue();
  readonly inFlight: InFlight;
  baseUrl = '';
  private readonly server: Server;
  private readonly prefix: string;
  private readonly limit: number;
  private remaining: number;

  constructor(private readonly options: StandinServerOptions) {
    this.prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
    this.limit = options.rateLimit ?? 5000;
    this.remaining = this.limit;
    this.inFlight = options.inFlight ?? new InFlight();
    this.server = createServer((req, res) => {
      void this.serve(req, res);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((done) => {
      this.server.listen(0, '127.0.0.1', done);
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}${this.prefix}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => {
      this.server.close(() => {
        done();
      });
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    this.inFlight.enter();
    try {
      await this.answer(req, res);
    } finally {
      this.inFlight.leave();
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(
      req.url ?? '/',
      `http://${req.headers.host ?? 'localhost'}`,
    );
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith(this.prefix)
      ? url.pathname.slice(this.prefix.length)
      : url.pathname;
    const record = { method, path: `${path}${url.search}` };

    const { operation, response } = await runPipeline(
      {
        method,
        path,
        url,
        authorization: req.headers.authorization,
        body: await readBody(req),
      },
      {
        token: this.options.token,
        validator: this.options.validator,
        handlers: this.options.handlers,
        faults: this.faults,
        world: this.options.world,
        urls: { api: this.baseUrl, web: 'https://github.com' },
        violate: (kind, message, operationId) => {
          this.violations.push({ kind, ...record, operationId, message });
        },
      },
    );
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);
    this.requests.push({
      ...record,
      operationId: operation?.id,
      status: response?.status ?? 0,
    });
    if (response === undefined) {
      req.socket.destroy();
      return;
    }
    this.send(res, response);
  }

  private send(res: ServerResponse, response: HandlerResponse) {
    this.remaining = Math.max(0, this.remaining - 1);
    const text =
      response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(text !== '' && { 'content-type': 'application/json; charset=utf-8' }),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomUUID(),
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-used': String(this.limit - this.remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...response.headers,
    });
    res.end(text);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

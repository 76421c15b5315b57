import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server answering for one token, as the router sees it. */
export interface TokenBackend {
  port: number;
}

/**
 * The stand-in's front door when several tokens are in play. Each token
 * has its own pipeline (so handlers know whose request it is and rate
 * limits count per token, as GitHub counts them per user); the router
 * reads the `authorization` header and hands the request, unchanged, to
 * that token's server, or to the fallback, which answers 401 for a token
 * it does not know. Clients see one base URL.
 */
export class TokenRouter<Backend extends TokenBackend> {
  baseUrl = '';
  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(
    private readonly backends: ReadonlyMap<string, Backend>,
    private readonly fallback: Backend,
    private readonly prefix: string,
    /** Called once the backend has answered (or dropped) a request. */
    private readonly answered: (backend: Backend) => void,
  ) {
    this.server = createServer((req, res) => {
      this.forward(req, res);
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
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((done) => {
      this.server.close(() => {
        done();
      });
    });
  }

  private forward(req: IncomingMessage, res: ServerResponse) {
    const token = /^(?:token|bearer) (.+)$/i.exec(
      req.headers.authorization ?? '',
    )?.[1];
    const backend =
      (token === undefined ? undefined : this.backends.get(token)) ??
      this.fallback;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: backend.port,
        method: req.method,
        path: req.url,
        // The host header stays the router's, so `Link` headers point here.
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        this.answered(backend);
        const headers = { ...answer.headers };
        // Hop-by-hop headers belong to the inner connection.
        delete headers.connection;
        delete headers['keep-alive'];
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      // The backend dropped the connection (a `network` fault): so does
      // the router, and the client sees what it would see from GitHub.
      this.answered(backend);
      req.socket.destroy();
    });
    req.pipe(upstream);
  }
}

import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How the server lets a client down: `silent` accepts the connection and
 * never sends a byte; `headers` answers a request with a status line and
 * headers promising a body, then sends nothing more.
 */
export type StallMode = 'silent' | 'headers';

export interface StallServerOptions {
  /** The Content-Type `headers` promises; JSON unless told. */
  contentType?: string;
}

export interface StallServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** `127.0.0.1:PORT`, as messages should name it. */
  readonly host: string;
  /** Requests received so far (one per connection: none is answered). */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * A real TCP server on loopback for a network that hangs rather than
 * fails: the connection is accepted, so nothing is refused, and the
 * answer never comes.
 */
export async function startStallServer(
  mode: StallMode,
  options: StallServerOptions = {},
): Promise<StallServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const contentType = options.contentType ?? 'application/json';
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that gives up resets the connection; that is expected.
    socket.on('error', () => {});
    let head = '';
    // Only the first request of a connection is read: it is never
    // answered, so no second one comes.
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      answered = true;
      requests++;
      if (mode === 'silent') return;
      socket.write(
        [
          'HTTP/1.1 200 OK',
          `Content-Type: ${contentType}`,
          'Content-Length: 100000',
          '',
          '',
        ].join('\r\n'),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    host: `127.0.0.1:${String(port)}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          done();
        });
      }),
  };
}

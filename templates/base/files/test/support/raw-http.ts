// HTTP/1.1 over a bare TCP socket, for what fetch will not send: oversized or malformed request heads,
// URLs with dot segments kept as written, clients that send one byte at a time.
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The port a listening Fastify app is bound to. */
export const portOf = (app: { server: { address(): unknown } }): number => (app.server.address() as AddressInfo).port;

export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves with everything received once the server has closed the connection. */
  closed: Promise<string>;
}

export async function openConnection(port: number): Promise<RawConnection> {
  const socket = connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  // Writes after the server closed the connection fail with EPIPE/ECONNRESET: that is the point.
  socket.on('error', () => {});
  const received = () => Buffer.concat(chunks).toString('latin1');
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received())));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

/** The first response in `text` (a full exchange as received). */
export function parseResponse(text: string): RawResponse {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) throw new Error(`no complete response in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = text.slice(headEnd + 4);
  const length = headers['content-length'];
  return { status, headers, body: length === undefined ? rest : rest.slice(0, Number(length)) };
}

/** Sends `request` as given on a new connection and waits for the server to answer and close it. */
export async function rawRequest(port: number, request: string): Promise<RawResponse> {
  const connection = await openConnection(port);
  connection.socket.write(request);
  return parseResponse(await connection.closed);
}

/**
 * Resolves when the promise does, rejects after `ms`: a bound for waits that must end (a timeout the
 * server enforces), far above the configured value so a loaded machine does not fail it.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Writes one chunk every `intervalMs` until the connection closes (a slow-loris client). */
export function dripFeed(connection: RawConnection, chunk: string, intervalMs: number): void {
  const timer = setInterval(() => {
    if (!connection.socket.destroyed) connection.socket.write(chunk);
  }, intervalMs);
  void connection.closed.finally(() => clearInterval(timer));
}

// Every upgraded socket, whichever endpoint it reached, gets a GuardedConnection before its route's
// handler runs: the shared limits apply to protocols whose handler we do not own (graphql-ws in
// mercurius) exactly as to our own, because the socket's messages and writes go through it.
import type { WebSocket } from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { RawData } from 'ws';
import { GuardedConnection, type ConnectionLimits, type EndpointProtocol } from './guarded-connection.js';
import { startHeartbeat } from './heartbeat.js';
import { registerWebSocketMetrics, type WebSocketMetrics } from './metrics.js';

/** The label of connections to a path no API module declared (they are closed at once). */
const UNDECLARED = 'other';

const textOf = (data: RawData): string => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');

/** ws reports malformed frames (bad UTF-8, opcodes, masks) as WS_ERR_* and closes with 1002/1007. */
const reasonOf = (error: Error & { code?: string }) =>
  error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'message_too_big' : error.code?.startsWith('WS_ERR_') ? 'protocol_error' : 'error';

export interface ConnectionsOptions {
  limits: ConnectionLimits;
  heartbeatMs: number;
  /** True once the app closes every socket with 1001: a connection ending then ended for that. */
  shuttingDown: () => boolean;
}

export class WebSocketConnections {
  readonly metrics: WebSocketMetrics;
  readonly #open = new Map<WebSocket, GuardedConnection>();
  readonly #counts = new Map<string, number>();
  readonly #protocols = new Map<string, EndpointProtocol>();
  readonly #heartbeat: { stop(): void };

  constructor(
    registry: Registry,
    readonly options: ConnectionsOptions,
  ) {
    this.metrics = registerWebSocketMetrics(registry, () => this.#counts);
    this.#heartbeat = startHeartbeat({ [Symbol.iterator]: () => this.#open.values() }, options.heartbeatMs);
  }

  get limits(): ConnectionLimits {
    return this.options.limits;
  }

  /** Declares an endpoint (an API module does, when it registers its route) and how its protocol reacts. */
  declare(path: string, protocol: EndpointProtocol = {}): void {
    this.#protocols.set(path, protocol);
    this.#counts.set(path, this.#counts.get(path) ?? 0);
  }

  /** The connection of a socket accepted here. */
  of(socket: WebSocket): GuardedConnection | undefined {
    return this.#open.get(socket);
  }

  /** Called for every upgraded socket, before its route's handler sees it. */
  accept(socket: WebSocket, path: string, request: FastifyRequest | undefined, fallbackLog: FastifyBaseLogger): GuardedConnection {
    const protocol = this.#protocols.get(path);
    const endpoint = protocol ? path : UNDECLARED;
    const log = (request?.log ?? fallbackLog).child({ component: 'websocket', endpoint });
    const connection = new GuardedConnection(socket, endpoint, log, this.metrics, this.options.limits, protocol ?? {});
    intercept(socket, connection);
    this.#open.set(socket, connection);
    this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 0) + 1);
    log.info({ principal: request?.principal?.subject, remote_ip: request?.ip, user_agent: request?.headers['user-agent'] }, 'websocket connected');

    socket.on('pong', () => (connection.answeredPing = true));
    socket.on('error', (error: Error & { code?: string }) => connection.noteReason(reasonOf(error)));
    socket.on('close', (code, reason) => {
      this.#open.delete(socket);
      this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 1) - 1);
      if (this.options.shuttingDown()) connection.noteReason('shutdown'); // the WebSocket server said 1001
      this.metrics.disconnects.inc({ endpoint, reason: connection.reason });
      log.info(
        {
          code,
          close_reason: reason.toString(),
          reason: connection.reason,
          duration_ms: Math.round(performance.now() - connection.openedAt),
          messages_received: connection.received,
          messages_sent: connection.sent,
        },
        'websocket closed',
      );
    });
    return connection;
  }

  stop(): void {
    this.#heartbeat.stop();
  }
}

/**
 * Routes the socket's incoming messages through the connection's budget (and the protocol's check)
 * before any listener hears them, and its writes through the bounded send. ws emits and sends through
 * these instance properties, so a handler attached later (mercurius') sees only what passed.
 */
function intercept(socket: WebSocket, connection: GuardedConnection): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  const { protocol } = connection;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    if (!connection.admit()) return false;
    const [data, isBinary] = args as [RawData, boolean];
    if (protocol.inspect && !protocol.inspect(textOf(data), isBinary, connection)) return false;
    return emit(event, ...args);
  }) as WebSocket['emit'];

  type Callback = (error?: Error) => void;
  socket.send = ((data: string | Buffer, optionsOrCallback?: { binary?: boolean } | Callback, callback?: Callback): void => {
    const options = typeof optionsOrCallback === 'object' ? optionsOrCallback : {};
    const done = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    const type = typeof data === 'string' ? (protocol.typeOfSent?.(data) ?? 'message') : 'binary';
    connection.send(type, data, done, options);
  }) as WebSocket['send'];
}

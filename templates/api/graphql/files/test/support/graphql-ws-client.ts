// A raw graphql-ws (graphql-transport-ws) client for tests that send what a well-behaved client would
// not: it queues every message and the close, and sends any text or bytes.
import { once } from 'node:events';
import WebSocket from 'ws';

export interface GraphqlWsMessage {
  type: string;
  id?: string;
  payload?: any;
}

export class RawGraphqlWs {
  readonly socket: WebSocket;
  readonly #messages: GraphqlWsMessage[] = [];
  readonly #waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string) {
    this.socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket.on('message', (data) => {
      this.#messages.push(JSON.parse(data.toString()) as GraphqlWsMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  async open(): Promise<this> {
    await once(this.socket, 'open');
    return this;
  }

  /** Opens and completes connection_init. */
  async init(): Promise<this> {
    await this.open();
    this.send({ type: 'connection_init' });
    await this.next((m) => m.type === 'connection_ack');
    return this;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  subscribe(id: string, query: string): void {
    this.send({ type: 'subscribe', id, payload: { query } });
  }

  /** The first queued message that matches (removed from the queue), waiting up to timeoutMs for it. */
  async next(matches: (message: GraphqlWsMessage) => boolean = () => true, timeoutMs = 10_000): Promise<GraphqlWsMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#messages.findIndex(matches);
      if (index >= 0) return this.#messages.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message in ${timeoutMs} ms; received ${JSON.stringify(this.#messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** Every queued message that matches, removing them. */
  take(matches: (message: GraphqlWsMessage) => boolean): GraphqlWsMessage[] {
    const taken = this.#messages.filter(matches);
    for (const message of taken) this.#messages.splice(this.#messages.indexOf(message), 1);
    return taken;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }
}

export const rawGraphqlWs = (url: string): Promise<RawGraphqlWs> => new RawGraphqlWs(url).init();

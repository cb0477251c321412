// A `ws` client that queues what it receives, for tests that await the next message or the close.
import { once } from 'node:events';
import WebSocket, { type ClientOptions } from 'ws';

export interface ReceivedClose {
  code: number;
  reason: string;
}

export class TestClient {
  readonly socket: WebSocket;
  readonly #messages: Record<string, unknown>[] = [];
  readonly #waiters: Array<(message: Record<string, unknown>) => void> = [];
  readonly closed: Promise<ReceivedClose>;

  constructor(url: string, options: ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const waiter = this.#waiters.shift();
      if (waiter) waiter(message);
      else this.#messages.push(message);
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Resolves when open; rejects with the HTTP status when the upgrade is refused. */
  async open(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (request, response) => {
        request.destroy(); // with this listener, ending the refused request is ours to do
        reject(new Error(`upgrade refused: ${response.statusCode}`));
      });
      this.socket.once('error', reject);
    });
    return this;
  }

  sendJson(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  next(timeoutMs = 5000): Promise<Record<string, unknown>> {
    const queued = this.#messages.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (message: Record<string, unknown>) => {
        clearTimeout(timer);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error('no message in time'));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Sends, then returns the reply. */
  async request(message: unknown): Promise<Record<string, unknown>> {
    this.sendJson(message);
    return this.next();
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await once(this.socket, 'close');
  }
}

export async function connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
  return new TestClient(url, options).open();
}

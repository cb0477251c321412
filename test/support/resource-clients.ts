// Clients of any generated resource, the way API users reach it: a gRPC client of
// `<plural_snake>.v1.<Plural>Service` built by stock @grpc/grpc-js from the project's own proto, and a
// WebSocket subscriber to a topic with the stock `ws` client.
import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import WebSocket from 'ws';

type Callback = (error: ServiceError | null, value?: unknown) => void;
type UnaryClient = Client & Record<string, (request: object, metadata: Metadata, callback: Callback) => void>;

export interface ResourceGrpc {
  call<T>(method: 'Get' | 'List' | 'Create' | 'Update' | 'Delete', request: object, token?: string): Promise<T>;
  close(): void;
}

/** `packageName` is the proto package without `.v1` (the resource's plural in snake_case), `service` e.g. "InvoicesService". */
export function resourceGrpc(project: string, port: number, packageName: string, service: string): ResourceGrpc {
  const definition = loadSync(`${packageName}/v1/${packageName}.proto`, { longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [join(project, 'proto')] });
  const loaded = loadPackageDefinition(definition) as unknown as Record<string, { v1: Record<string, ServiceClientConstructor> }>;
  const Constructor = loaded[packageName]!.v1[service]!;
  const client = new Constructor(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as UnaryClient;
  return {
    call: (method, request, token) =>
      new Promise((resolve, reject) => {
        const metadata = new Metadata();
        if (token) metadata.set('authorization', `Bearer ${token}`);
        client[method]!(request, metadata, (error, value) => (error ? reject(error) : resolve(value as never)));
      }),
    close: () => client.close(),
  };
}

export interface TopicSubscriber {
  /** Resolves with the first message that matches, already received or still to come. */
  message(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

/** Connects to /ws, subscribes to `topic` and waits for the acknowledgement. */
export async function subscribeToTopic(baseUrl: string, topic: string): Promise<TopicSubscriber> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const received: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const listener of listeners) listener();
  });
  const message: TopicSubscriber['message'] = (match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching WebSocket message in ${timeoutMs} ms; got ${JSON.stringify(received)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ v: 1, type: 'subscribe', topic }));
  await message((m) => m.type === 'subscribed');
  return { message, close: () => socket.close() };
}

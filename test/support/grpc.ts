// A gRPC client of a generated app's notes.v1.NotesService: stock @grpc/grpc-js with the project's own proto.
import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, type Client, type ClientReadableStream, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

export interface GrpcNote {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

type Callback<T> = (error: ServiceError | null, value?: T) => void;
type NotesClient = Client & Record<string, (request: object, metadata: Metadata, callback: Callback<unknown>) => void> & {
  Watch(request: object, metadata: Metadata): ClientReadableStream<GrpcNote>;
};

export interface NotesWatch {
  next(timeoutMs?: number): Promise<GrpcNote>;
  /** The stream's final status. */
  ended: Promise<{ code: number; details: string }>;
  close(): void;
}

export interface NotesGrpc {
  call<T>(method: 'Get' | 'List' | 'Create' | 'Update' | 'Delete', request: object, token?: string): Promise<T>;
  /** Resolves once the server has started the stream; `next` waits for the next note. */
  watch(): Promise<NotesWatch>;
  close(): void;
}

const metadataWith = (token: string | undefined): Metadata => {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

export function notesGrpc(project: string, port: number): NotesGrpc {
  const definition = loadSync('notes/v1/notes.proto', { longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [join(project, 'proto')] });
  const { notes } = loadPackageDefinition(definition) as unknown as { notes: { v1: { NotesService: ServiceClientConstructor } } };
  const client = new notes.v1.NotesService(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as NotesClient;
  return {
    call: (method, request, token) =>
      new Promise((resolve, reject) => client[method]!(request, metadataWith(token), (error, value) => (error ? reject(error) : resolve(value as never)))),
    async watch() {
      const stream = client.Watch({}, new Metadata());
      const received: GrpcNote[] = [];
      let wake: (() => void) | undefined;
      stream.on('data', (note: GrpcNote) => {
        received.push(note);
        wake?.();
      });
      stream.on('error', () => {}); // the status carries it
      const ended = new Promise<{ code: number; details: string }>((resolve) => stream.on('status', ({ code, details }) => resolve({ code, details })));
      await new Promise((resolve) => stream.once('metadata', resolve));
      return {
        async next(timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (received.length === 0) {
            if (Date.now() > deadline) throw new Error(`no note on the gRPC Watch stream within ${timeoutMs} ms`);
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 100);
            });
          }
          return received.shift()!;
        },
        ended,
        close: () => stream.cancel(),
      };
    },
    close: () => client.close(),
  };
}

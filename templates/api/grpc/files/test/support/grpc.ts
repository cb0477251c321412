// The app's gRPC server for tests, and a @grpc/grpc-js client of it with calls as promises.
import { credentials, Metadata, type ClientReadableStream, type ClientUnaryCall, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { loadPackageDefinition, type Client, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { BuildAppOptions, BuiltApp } from '../../src/app.js';
import type { NotesServiceClient } from '../../src/modules/api-grpc/generated/notes/v1/NotesService.js';
import { grpcPortOf } from '../../src/modules/api-grpc/index.js';
import { loadNotesProto } from '../../src/modules/api-grpc/proto.js';
import { testApp } from './app.js';

export interface GrpcTestApp extends BuiltApp {
  address: string;
}

/** The app with its start hooks run: gRPC listening on a free port of 127.0.0.1. */
export async function grpcTestApp(env: Record<string, string> = {}, options: BuildAppOptions = {}): Promise<GrpcTestApp> {
  const built = await testApp({ HOST: '127.0.0.1', GRPC_PORT: '0', ...env }, options);
  await built.startHooks.runAll();
  return { ...built, address: `127.0.0.1:${grpcPortOf(built.app)}` };
}

export function notesClient(address: string): NotesServiceClient {
  return new (loadNotesProto().notes.NotesService)(address, credentials.createInsecure());
}

type HealthClient = Client & {
  Check(request: { service: string }, callback: (error: ServiceError | null, response?: { status: string }) => void): ClientUnaryCall;
  Watch(request: { service: string }): ClientReadableStream<{ status: string }>;
};

/** A client of grpc.health.v1.Health built from the proto grpc-health-check ships. */
export function healthClient(address: string): HealthClient {
  const loaded = loadPackageDefinition(loadSync(healthProtoPath, { enums: String })) as unknown as { grpc: { health: { v1: GrpcObject & { Health: ServiceClientConstructor } } } };
  return new loaded.grpc.health.v1.Health(address, credentials.createInsecure()) as unknown as HealthClient;
}

export function metadataOf(headers: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}

export interface UnaryResult<T> {
  value?: T;
  error?: ServiceError;
  headers?: Metadata;
  trailers: Metadata;
}

/** Starts a unary call with the given callback and settles once the response and the status arrived. */
export function unary<T>(start: (callback: (error: ServiceError | null, value?: T) => void) => ClientUnaryCall): Promise<UnaryResult<T>> {
  return new Promise((resolve) => {
    let outcome: { error?: ServiceError; value?: T } | undefined;
    let status: StatusObject | undefined;
    let headers: Metadata | undefined;
    const settle = () => {
      if (outcome && status) resolve({ ...outcome, headers, trailers: status.metadata });
    };
    const call = start((error, value) => {
      outcome = error ? { error } : { value };
      settle();
    });
    call.on('metadata', (received: Metadata) => (headers = received));
    call.on('status', (received: StatusObject) => {
      status = received;
      settle();
    });
  });
}

export interface StreamEnd<T> {
  messages: T[];
  status: StatusObject;
}

/** Collects a server stream's messages until its status; `onMessage` may cancel or assert along the way. */
export function collect<T>(stream: ClientReadableStream<T>, onMessage: (message: T, all: T[]) => void = () => {}): Promise<StreamEnd<T>> {
  const messages: T[] = [];
  return new Promise((resolve) => {
    stream.on('data', (message: T) => {
      messages.push(message);
      onMessage(message, messages);
    });
    stream.on('error', () => {}); // the status below carries it
    stream.on('status', (status: StatusObject) => resolve({ messages, status }));
  });
}

/** Resolves when the stream's response headers arrived: the server has started the call. */
export const streamStarted = (stream: ClientReadableStream<unknown>): Promise<Metadata> => new Promise((resolve) => stream.once('metadata', resolve));

// The app's gRPC server for tests (with the probe service beside the resources'), and @grpc/grpc-js
// clients of it with calls as promises.
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type Client,
  type ClientReadableStream,
  type ClientUnaryCall,
  type ServiceClientConstructor,
  type ServiceError,
  type StatusObject,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { BuildAppOptions, BuiltApp } from '../../src/app.js';
import apiGrpc, { grpcApi } from '../../src/modules/api-grpc/index.js';
import { loadProtos } from '../../src/modules/api-grpc/proto.js';
import { resourceServices } from '../../src/modules/api-grpc/resource-services.js';
import { modules as appModules } from '../../src/modules.js';
import { testApp } from './app.js';
import { probeService } from './grpc-probe.js';

export interface GrpcTestApp extends BuiltApp {
  address: string;
}

/** Every service a test app binds: the resources', then the probe. */
export const testServices = [...resourceServices, probeService];

/** The app, ready: gRPC listening on a free port of 127.0.0.1, serving testServices. */
export async function grpcTestApp(env: Record<string, string> = {}, options: BuildAppOptions = {}): Promise<GrpcTestApp> {
  const modules = (options.modules ?? appModules).map((module) => (module === apiGrpc ? grpcApi(testServices) : module));
  const built = await testApp({ HOST: '127.0.0.1', GRPC_PORT: '0', ...env }, { ...options, modules });
  return { ...built, address: `127.0.0.1:${built.app.getDecorator<number>('grpcPort')}` };
}

let loaded: ReturnType<typeof loadPackageDefinition> | undefined;

/** A client whose methods the test does not know the types of. */
export type AnyServiceClient = Client & Record<string, any>;

/** A client of one of testServices by its full name; untyped unless the generated client type is given. */
export function serviceClient<T extends Client = AnyServiceClient>(address: string, service: string): T {
  loaded ??= loadPackageDefinition(loadProtos(testServices.map((s) => s.proto)));
  const found = service.split('.').reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], loaded);
  if (typeof found !== 'function') throw new Error(`No service ${service} in the test app's protos`);
  return new (found as ServiceClientConstructor)(address, credentials.createInsecure()) as unknown as T;
}

type HealthClient = Client & {
  Check(request: { service: string }, callback: (error: ServiceError | null, response?: { status: string }) => void): ClientUnaryCall;
  Watch(request: { service: string }): ClientReadableStream<{ status: string }>;
};

/** A client of grpc.health.v1.Health built from the proto grpc-health-check ships. */
export function healthClient(address: string): HealthClient {
  const health = loadPackageDefinition(loadSync(healthProtoPath, { enums: String })) as unknown as { grpc: { health: { v1: { Health: ServiceClientConstructor } } } };
  return new health.grpc.health.v1.Health(address, credentials.createInsecure()) as unknown as HealthClient;
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

/** The value of a unary call that must succeed; its status otherwise, as the error. */
export async function succeeded<T>(start: (callback: (error: ServiceError | null, value?: T) => void) => ClientUnaryCall): Promise<T> {
  const { value, error } = await unary(start);
  if (error) throw new Error(`${error.code} ${error.details}`);
  return value!;
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

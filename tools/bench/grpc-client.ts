// What the gRPC bench code needs of @grpc/grpc-js, shared by the bench process and the load generator
// child (grpc-load-child.ts), so it imports nothing at run time. grpc-js comes from the generated project
// (imported from there, so client and server versions match); this repository does not depend on it at
// run time, hence the few types below.

interface Metadata {
  set(key: string, value: string): void;
}

interface ServiceError extends Error {
  code: number;
  details: string;
}

type Callback = (error: ServiceError | null, response?: Buffer) => void;
/** Requests go out serialized once and responses come back as bytes. */
export const asIs = (bytes: Buffer) => bytes;

export interface Client {
  makeUnaryRequest(method: string, serialize: (b: Buffer) => Buffer, deserialize: (b: Buffer) => Buffer, argument: Buffer, metadata: Metadata, callback: Callback): unknown;
  waitForReady(deadline: Date, callback: (error?: Error) => void): void;
  close(): void;
}

/** The parts of @grpc/grpc-js the bench uses. */
export interface GrpcJs {
  Client: new (address: string, credentials: unknown, options?: Record<string, unknown>) => Client;
  credentials: { createInsecure(): unknown };
  Metadata: new () => Metadata;
  status: Record<number, string> & { UNAVAILABLE: number };
}

/** A unary method as @grpc/proto-loader describes it. */
export interface UnaryMethod {
  path: string;
  requestSerialize(value: object): Buffer;
  responseDeserialize(bytes: Buffer): object;
  /** The response message's descriptor (field names as the loader names them). */
  responseType: { type: { field: { name: string }[] } };
}

/** One unary call, repeated by the load: the method, its request and the metadata sent with it. */
export interface GrpcRequest {
  method: UnaryMethod;
  request: object;
  metadata: Record<string, string>;
}

/** A process answering gRPC: where, and the pid whose CPU the runs charge. */
export interface GrpcServer {
  address: string;
  pid: number;
}

export const READY_TIMEOUT_MS = 60_000;
/** What the load generator child prints once it is ready to start the measured run. */
export const READY_LINE = 'ready';

class GrpcCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function metadataOf(grpc: GrpcJs, entries: Record<string, string>): Metadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

/** A non-OK status as an error naming the server, the method and the status. */
export const failure = (grpc: GrpcJs, address: string, path: string, error: ServiceError) =>
  new GrpcCallError(error.code, `${address}${path}: ${grpc.status[error.code] ?? error.code} ${error.details || error.message}`);

/** One call on a fresh channel; resolves with the response decoded by proto-loader, rejects on any non-OK status. */
export async function callOnce(grpc: GrpcJs, address: string, request: GrpcRequest): Promise<object> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  try {
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      client.makeUnaryRequest(request.method.path, asIs, asIs, request.method.requestSerialize(request.request), metadataOf(grpc, request.metadata), (error, response) =>
        error ? reject(failure(grpc, address, request.method.path, error)) : resolve(response!),
      );
    });
    return request.method.responseDeserialize(bytes);
  } finally {
    client.close();
  }
}

/** Repeats the call until it answers OK, while it fails with UNAVAILABLE (nothing listening yet); any other status throws. */
export async function waitUntilGrpcAnswers(grpc: GrpcJs, address: string, request: GrpcRequest, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      await callOnce(grpc, address, request);
      return;
    } catch (error) {
      if (!(error instanceof GrpcCallError) || error.code !== grpc.status.UNAVAILABLE) throw error;
      if (exited()) throw new Error(`exited before answering ${address}${request.method.path}`);
      if (Date.now() > deadline) throw new Error(`did not answer ${address}${request.method.path} within ${READY_TIMEOUT_MS} ms (${error.message})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// Calls that no generated client would make: any bytes as a method's message (a @grpc/grpc-js client
// with a Buffer serializer), and any HTTP/2 request, headers and frames included (node:http2).
import http2 from 'node:http2';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';

export interface RawStatus {
  code: status;
  details: string;
  metadata?: Metadata;
}

const asBuffer = (bytes: Buffer): Buffer => bytes;

/** A client that sends and receives raw message bytes, for any method path. */
export class RawGrpcClient {
  readonly #client: Client;

  constructor(address: string) {
    this.#client = new Client(address, credentials.createInsecure());
  }

  unary(path: string, message: Buffer, metadata = new Metadata()): Promise<RawStatus & { response?: Buffer }> {
    return new Promise((resolve) => {
      this.#client.makeUnaryRequest(
        path,
        asBuffer,
        asBuffer,
        message,
        metadata,
        { deadline: Date.now() + 20_000 },
        (error: ServiceError | null, response?: Buffer) =>
          resolve(error ? { code: error.code, details: error.details, metadata: error.metadata } : { code: status.OK, details: '', response }),
      );
    });
  }

  close(): void {
    this.#client.close();
  }
}

/** A length-prefixed gRPC message: the compressed flag, the length (the actual one unless given), the bytes. */
export function grpcFrame(message: Buffer, { compressed = false, declaredLength }: { compressed?: boolean; declaredLength?: number } = {}): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(compressed ? 1 : 0, 0);
  prefix.writeUInt32BE(declaredLength ?? message.length, 1);
  return Buffer.concat([prefix, message]);
}

export interface Http2Answer {
  /** The HTTP status of the response, when the server sent headers. */
  httpStatus?: number;
  /** grpc-status from the trailers (or a trailers-only response); undefined when the stream was reset. */
  grpcStatus?: number;
  grpcMessage?: string;
}

/** One gRPC-over-HTTP/2 request with exactly these headers and body bytes. */
export function http2Call(address: string, path: string, body: Buffer, headers: Record<string, string> = {}): Promise<Http2Answer> {
  return new Promise((resolve) => {
    const session = http2.connect(`http://${address}`);
    const answer: Http2Answer = {};
    const done = () => {
      session.close();
      resolve(answer);
    };
    session.on('error', done);
    const read = (fields: http2.IncomingHttpHeaders) => {
      if (fields[':status'] !== undefined) answer.httpStatus = Number(fields[':status']);
      if (fields['grpc-status'] !== undefined) answer.grpcStatus = Number(fields['grpc-status']);
      if (fields['grpc-message'] !== undefined) answer.grpcMessage = decodeURIComponent(String(fields['grpc-message']));
    };
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers });
    stream.on('response', read);
    stream.on('trailers', read);
    stream.on('data', () => {});
    stream.on('error', () => {}); // a reset stream: the answer says what arrived before it
    stream.on('close', done);
    stream.setTimeout(15_000, () => stream.close()); // a call the server never ends: what arrived is the answer
    stream.end(body);
  });
}

// The probe service (grpc-probe.proto) and a typed client of it: the gRPC module's tests need no resource.
import { fileURLToPath } from 'node:url';
import type { CallOptions, Client, ClientReadableStream, ClientUnaryCall, Metadata, requestCallback } from '@grpc/grpc-js';
import { HttpProblem } from '../../src/core/errors.js';
import { requirePrincipal } from '../../src/modules/api-grpc/access.js';
import type { GrpcService } from '../../src/modules/api-grpc/service.js';

export const PROBE_SERVICE = 'probe.v1.ProbeService';

export interface EchoRequest {
  text?: string;
  failWithStatus?: number;
  failHeaders?: string[];
}
export interface EchoResponse {
  text: string;
}

type Unary<Request, Response> = {
  (request: Request, callback: requestCallback<Response>): ClientUnaryCall;
  (request: Request, metadata: Metadata, callback: requestCallback<Response>): ClientUnaryCall;
  (request: Request, metadata: Metadata, options: CallOptions, callback: requestCallback<Response>): ClientUnaryCall;
};

export type ProbeClient = Client & {
  Echo: Unary<EchoRequest, EchoResponse>;
  Write: Unary<EchoRequest, EchoResponse>;
  Listen(request: object, options?: CallOptions): ClientReadableStream<EchoResponse>;
};

/** What the server sees of an EchoRequest (proto-loader fills in the defaults). */
type ReceivedEcho = Required<EchoRequest>;

async function answer({ text, failWithStatus, failHeaders }: ReceivedEcho): Promise<EchoResponse> {
  if (failWithStatus === 500) throw new Error('database password is hunter2'); // a bug: must never reach the client
  if (failWithStatus !== 0) {
    const headers = Object.fromEntries(failHeaders.map((header) => header.split(': ', 2) as [string, string]));
    throw new HttpProblem(failWithStatus, `Failed with ${failWithStatus}`, { headers });
  }
  return { text };
}

export const probeService: GrpcService = {
  proto: fileURLToPath(new URL('./grpc-probe.proto', import.meta.url)),
  name: PROBE_SERVICE,
  async handlers({ app, calls, watches }) {
    return {
      Echo: calls.unary<ReceivedEcho, EchoResponse>('Echo', (request) => answer(request)),
      Write: calls.unary<ReceivedEcho, EchoResponse>('Write', async (request, call) => {
        requirePrincipal(app.authenticator, call);
        return answer(request);
      }),
      Listen: calls.serverStream<object, EchoResponse>('Listen', (_request, call, stream) => watches.watch(call, stream, () => () => {})),
    };
  },
};

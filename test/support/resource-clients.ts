// A gRPC client of any generated resource's `<plural_snake>.v1.<Plural>Service`, built by stock
// @grpc/grpc-js from the project's own proto, the way API users reach it.
import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

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

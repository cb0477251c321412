import { defineModule } from '../../define.js';

export default defineModule({
  id: 'api/grpc',
  // Still written for the sample notes resource (issue 11 renders it per resource next).
  notesOnly: true,
  title: 'gRPC API',
  dependencies: ['@grpc/grpc-js', '@grpc/proto-loader', '@grpc/reflection', 'grpc-health-check'],
  devDependencies: ['@bufbuild/buf'], // the tests call the server with `buf curl`, a client that shares no code with it
  scripts: {
    'proto:generate':
      'proto-loader-gen-types --longs=String --enums=String --defaults --oneofs --includeComments --grpcLib=@grpc/grpc-js --importFileExtension=.js -I proto -O src/modules/api-grpc/generated notes/v1/notes.proto',
  },
  fills: 'api',
  env: [
    { name: 'GRPC_PORT', type: 'port', default: 50051, doc: 'gRPC port (plaintext HTTP/2; listens on HOST)' },
    { name: 'GRPC_REFLECTION', type: 'boolean', default: true, doc: 'Serve gRPC server reflection, so grpcurl, buf curl and Postman work without the proto' },
    { name: 'GRPC_HEALTH_INTERVAL_SECONDS', type: 'integer', min: 1, default: 5, doc: 'How often grpc.health.v1.Health re-runs the readiness checks' },
    { name: 'GRPC_DRAIN_SECONDS', type: 'integer', min: 0, default: 5, doc: 'On shutdown, time running gRPC calls get to finish before they are cancelled (keep below SHUTDOWN_TIMEOUT_MS)' },
  ],
  appEnvironment: { GRPC_PORT: '50051' },
  appPorts: [{ variable: 'GRPC_PORT', port: 50051 }],
  runtimeFiles: ['proto'],
  register: { name: 'apiGrpc', from: './modules/api-grpc/index.js' },
});

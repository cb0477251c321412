// The gRPC style of the api-styles part: `notes.v1.NotesService/Get` of the generated app beside a bare
// @grpc/grpc-js server answering the same request with the same Note. Both, the bench's checks and the
// load generator child use @grpc/grpc-js and @grpc/proto-loader from the project's node_modules and its
// proto, loaded with the options the app uses, through one module written into the project.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { node24Env } from '../../test/support/node24.js';
import { freePort } from '../../test/support/server.js';
import { callOnce, waitUntilGrpcAnswers, type GrpcJs, type GrpcRequest, type GrpcServer, type UnaryMethod } from './grpc-client.js';
import { measureGrpc } from './grpc-load.js';
import { startServer, type LoadRun, type Server } from './load.js';

export const NOTES_PROTO = 'proto/notes/v1/notes.proto';

/** The project's grpc-js, and its notes service as proto-loader describes it with the app's options. */
const PROJECT_GRPC = `import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
const protoDir = join(import.meta.dirname, 'proto');
const definition = protoLoader.loadSync('notes/v1/notes.proto', { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protoDir] });
export { grpc };
export const NotesService = definition['notes.v1.NotesService'];
`;

/** Get answering every request with the note in BARE_NOTE, and nothing else. */
const BARE_SERVER = `import { grpc, NotesService } from './bench-grpc-notes.mjs';
const note = JSON.parse(process.env.BARE_NOTE);
const server = new grpc.Server();
server.addService(NotesService, { Get: (_call, callback) => callback(null, note) });
server.bindAsync(\`127.0.0.1:\${process.env.GRPC_PORT}\`, grpc.ServerCredentials.createInsecure(), (error) => {
  if (error) throw error;
});
`;

export interface ProjectGrpc {
  grpc: GrpcJs;
  get: UnaryMethod;
  /** Starts the bare server beside the app; ready once it answers `request`. */
  startBare(note: RestNote, request: GrpcRequest, logFile: string): Promise<Server & GrpcServer>;
  /** One load run against `server` from a Node 24 child that loads grpc-js and the method from the project. */
  measure(server: GrpcServer, request: GrpcRequest, seconds: number): Promise<LoadRun>;
  /** Removes what was written into the project. */
  cleanUp(): Promise<void>;
}

export async function projectGrpc(dir: string): Promise<ProjectGrpc> {
  const moduleFile = join(dir, 'bench-grpc-notes.mjs');
  const bareFile = join(dir, 'bench-bare-grpc.mjs');
  const cleanUp = () => Promise.all([moduleFile, bareFile].map((file) => rm(file, { force: true }))).then(() => undefined);
  await writeFile(moduleFile, PROJECT_GRPC);
  await writeFile(bareFile, BARE_SERVER);
  const loaded = await import(pathToFileURL(moduleFile).href).catch(async (error: Error) => {
    await cleanUp();
    throw new Error(`loading @grpc/grpc-js and ${NOTES_PROTO} from ${dir}: ${error.message}`);
  });
  const { grpc, NotesService } = loaded as { grpc: GrpcJs; NotesService: Record<string, UnaryMethod> | undefined };
  const get = NotesService?.Get;
  if (!get) {
    await cleanUp();
    throw new Error(`${NOTES_PROTO} in ${dir} has no notes.v1.NotesService with a Get method`);
  }
  return {
    grpc,
    get,
    cleanUp,
    measure: (server, request, seconds) => measureGrpc(moduleFile, server, request, seconds),
    async startBare(note, request, logFile) {
      const port = await freePort();
      const address = `127.0.0.1:${port}`;
      const env = node24Env({ GRPC_PORT: String(port), BARE_NOTE: JSON.stringify(protoNote(note, get)) });
      const server = await startServer('bare gRPC server', 'node', [bareFile], { cwd: dir, env, port, logFile, ready: (exited) => waitUntilGrpcAnswers(grpc, address, request, exited) });
      return { ...server, address };
    },
  };
}

/** A note as REST returns it (times as RFC 3339 strings, as the proto's Note has them too). */
export type RestNote = { id: string } & Record<string, unknown>;

/** The response message of `method` with the REST note's values, taken by the message's field names. */
function protoNote(note: RestNote, method: UnaryMethod): Record<string, unknown> {
  return Object.fromEntries(
    method.responseType.type.field.map(({ name }) => {
      if (note[name] === undefined) throw new Error(`the REST note has no ${name}, which ${method.path} returns: ${JSON.stringify(note)}`);
      return [name, note[name]];
    }),
  );
}

/** Throws unless the app and the bare server answer the request with deep-equal messages (as proto-loader decodes them). */
export async function sameGrpcResponse(grpc: GrpcJs, app: GrpcServer, bare: GrpcServer, request: GrpcRequest): Promise<void> {
  const [fromApp, fromBare] = await Promise.all([app, bare].map((server) => callOnce(grpc, server.address, request)));
  if (!isDeepStrictEqual(fromApp, fromBare)) {
    throw new Error(`${request.method.path}: the bare server's response differs from the app's:\n${JSON.stringify(fromBare)}\n${JSON.stringify(fromApp)}`);
  }
}

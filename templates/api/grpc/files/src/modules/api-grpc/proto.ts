// The notes.v1 proto, loaded at start-up: the service definition grpc-js serves and the descriptors
// reflection answers with. The types in ./generated are made from the same file by `npm run proto:generate`.
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/notes.js';

/** proto/ at the project root, from src/ (tests) and dist/ (production) alike. */
export const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));
export const NOTES_PROTO = 'notes/v1/notes.proto';
export const NOTES_SERVICE = 'notes.v1.NotesService';

/** Keep in step with the flags of the `proto:generate` script, or the generated types lie. */
export const LOADER_OPTIONS: Options = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR] };

export interface NotesProto {
  definition: PackageDefinition;
  notes: ProtoGrpcType['notes']['v1'];
}

export function loadNotesProto(): NotesProto {
  const definition = loadSync(NOTES_PROTO, LOADER_OPTIONS);
  const loaded = loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  return { definition, notes: loaded.notes.v1 };
}

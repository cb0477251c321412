// The protos of the services the server binds, loaded at start-up: the definitions grpc-js serves and
// the descriptors reflection answers with. The types in ./generated are made from the same files by
// `npm run proto:generate` (generate-stubs.ts).
import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';

/** proto/ at the project root, from src/ (tests) and dist/ (production) alike. */
export const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));

/** Keep in step with GENERATOR_FLAGS in stubs.ts, or the generated types lie. */
export const LOADER_OPTIONS: Options = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR] };

/** `files`: paths under proto/ or absolute paths; none loads nothing. */
export function loadProtos(files: readonly string[]): PackageDefinition {
  return files.length === 0 ? {} : loadSync([...new Set(files)], LOADER_OPTIONS);
}

/** The service of that full name among the loaded protos (message and enum definitions have a `format`). */
export function serviceDefinition(definition: PackageDefinition, name: string): ServiceDefinition {
  const found = definition[name];
  if (found === undefined || 'format' in found) throw new Error(`No service ${name} in the loaded protos`);
  return found as ServiceDefinition;
}

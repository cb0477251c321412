// The TypeScript types of every proto under proto/, made by @grpc/proto-loader's generator with the
// options the server loads them with: what `npm run proto:generate` writes into ./generated, and what a
// test compares the committed types with.
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PROTO_DIR } from './proto.js';

export const GENERATED_DIR = fileURLToPath(new URL('./generated/', import.meta.url));
const PROJECT_DIR = join(PROTO_DIR, '..');
const GENERATOR = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
/** Keep in step with LOADER_OPTIONS in proto.ts. */
const GENERATOR_FLAGS = ['--longs=String', '--enums=String', '--defaults', '--oneofs', '--includeComments', '--grpcLib=@grpc/grpc-js', '--importFileExtension=.js'];

/** Every .proto under proto/, relative to it, in a stable order. */
export async function protoFiles(): Promise<string[]> {
  const entries = await readdir(PROTO_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.proto'))
    .map((entry) => relative(PROTO_DIR, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Writes the types of every proto into `outDir`, emptied first so that a removed proto leaves no types behind. */
export async function generateStubs(outDir = GENERATED_DIR): Promise<string[]> {
  const files = await protoFiles();
  await rm(outDir, { recursive: true, force: true });
  // Run from the project with a relative include path: the generator writes the proto's path into every file.
  if (files.length > 0) await promisify(execFile)(process.execPath, [GENERATOR, ...GENERATOR_FLAGS, '-I', 'proto', '-O', outDir, ...files], { cwd: PROJECT_DIR });
  return files;
}

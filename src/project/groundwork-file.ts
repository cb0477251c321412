// Reads groundwork.json: the record of what was generated in a project.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GROUNDWORK_JSON, type GroundworkJson } from '../compose/compose.js';
import { GroundworkError } from '../errors.js';

export async function readGroundworkJson(projectDir: string): Promise<GroundworkJson> {
  const path = join(projectDir, GROUNDWORK_JSON);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GroundworkError(`${projectDir} is not a groundwork project (no ${GROUNDWORK_JSON}). Run this inside a project made by create-groundwork.`);
    }
    throw error;
  }
  let parsed: Partial<GroundworkJson>;
  try {
    parsed = JSON.parse(text) as Partial<GroundworkJson>;
  } catch {
    throw new GroundworkError(`${path} is not valid JSON; restore it from git before running groundwork.`);
  }
  if (parsed.generator !== 'create-groundwork' || typeof parsed.stack !== 'object' || typeof parsed.files !== 'object') {
    throw new GroundworkError(`${path} is not a create-groundwork record (expected "generator", "stack" and "files").`);
  }
  return parsed as GroundworkJson;
}

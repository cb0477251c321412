// Loads the templates a stack needs, then composes. The I/O shell around the pure compose().
import type { Stack } from '../catalog/types.js';
import { generatorVersion } from '../paths.js';
import { compose, type Composition } from './compose.js';
import { resolveModules } from './resolve.js';
import { loadTemplateSource } from './template-source.js';

export async function composeStack(projectName: string, stack: Stack, generatorSpec?: string): Promise<Composition> {
  const source = await loadTemplateSource(resolveModules(stack).modules.map((m) => m.id));
  return compose({ projectName, stack, generatorVersion, generatorSpec, source });
}

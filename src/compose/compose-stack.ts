// Loads the templates a stack needs, then composes. The I/O shell around the pure compose().
import type { Stack } from '../catalog/types.js';
import { generatorVersion } from '../paths.js';
import { SAMPLE_RESOURCE, type ResourceSpec } from '../resources/resource.js';
import type { JobSpec } from '../units/job.js';
import type { RouteSpec } from '../units/route.js';
import { compose, type Composition } from './compose.js';
import { resolveModules } from './resolve.js';
import { loadTemplateSource } from './template-source.js';

export interface ComposeOptions {
  /** How the project refers to the generator (see project/generator-spec.ts); default: this version. */
  generatorSpec?: string;
  /** Default: the sample notes resource alone, as a new project has. */
  resources?: readonly ResourceSpec[];
  /** The project's own jobs and routes; default none. */
  jobs?: readonly JobSpec[];
  routes?: readonly RouteSpec[];
}

export async function composeStack(projectName: string, stack: Stack, { generatorSpec, resources = [SAMPLE_RESOURCE], jobs, routes }: ComposeOptions = {}): Promise<Composition> {
  const source = await loadTemplateSource(resolveModules(stack).modules.map((m) => m.id));
  return compose({ projectName, stack, resources, jobs, routes, generatorVersion, generatorSpec, source });
}

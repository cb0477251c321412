// A resource the core tests declare for themselves, so they pass whichever resources the project has.
import type { BuiltApp } from '../../src/app.js';
import { checkFields, checkPatchFields, fieldRule, type FieldRules } from '../../src/core/resources/field-rules.js';
import type { Crud, ResourceRecord } from '../../src/core/resources/records.js';
import { createResourceService, type ResourceServiceOptions } from '../../src/core/resources/resource-service.js';
import { createMemoryRepository } from './memory-repository.js';

export interface Widget extends ResourceRecord {
  name: string;
  description: string;
  size: number | null;
}
export interface WidgetInput {
  name: string;
  description: string;
  size?: number | null;
}
export type WidgetPatch = Partial<WidgetInput>;
export type WidgetsCrud = Crud<Widget, WidgetInput, WidgetPatch>;

const rules: FieldRules<WidgetInput> = {
  name: fieldRule.string('name'),
  description: fieldRule.text('description'),
  size: fieldRule.optional(fieldRule.integer('size')),
};

export const createWidgetsRepository = (): WidgetsCrud => createMemoryRepository<Widget, WidgetInput, WidgetPatch>();

/** The widgets service of a test app: on the app's cache unless the test gives one. */
export function createWidgetsService(
  { app, ctx }: Pick<BuiltApp, 'app' | 'ctx'>,
  repository: WidgetsCrud = createWidgetsRepository(),
  options: Partial<Pick<ResourceServiceOptions<Widget, WidgetInput, WidgetPatch>, 'checkRefs' | 'cache'>> = {},
): WidgetsCrud {
  return createResourceService(ctx, {
    singular: 'widget',
    plural: 'widgets',
    repository,
    cache: app.cache,
    normalizeInput: (input) => checkFields(rules, input),
    normalizePatch: (patch) => checkPatchFields(rules, patch),
    ...options,
  });
}

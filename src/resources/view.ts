// What a template sees of a resource: its names in every spelling the generated code needs, and its
// fields with their keys and flags. A module adds its own per-field snippets (a drizzle column, a
// TypeBox type) through its manifest's `resourceFields`, so templates stay free of type switches.
import { FIELD_TYPES, type FieldSpec, type FieldType } from './fields.js';
import { resourceNames, splitWords, type ResourceNames } from './names.js';
import type { ResourceSpec } from './resource.js';

export interface FieldView {
  /** camelCase as declared: "dueDate"; for a ref the relation: "customer". */
  name: string;
  Name: string;
  snake: string;
  label: string;
  type: FieldType;
  is: Record<FieldType, boolean>;
  optional: boolean;
  required: boolean;
  /** Enum values; empty for other types. */
  values: string[];
  /** The referenced resource (ref fields only). */
  ref?: ResourceNames & { SingularLabel: string };
  /** Key in records and APIs: the name, or `<name>Id` for a ref ("customerId"). */
  key: string;
  /** The key in snake_case: the SQL column ("customer_id"). */
  keySnake: string;
  /** Whatever the rendering module's `resourceFields` adds. */
  [extra: string]: unknown;
}

export interface ResourceView extends ResourceNames {
  /** Capitalized label, for messages: "Line item 42 not found". */
  SingularLabel: string;
  fields: FieldView[];
  refs: FieldView[];
  hasRefs: boolean;
  hasOptionalRefs: boolean;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const withLabel = (names: ResourceNames) => ({ ...names, SingularLabel: capitalize(names.singularLabel) });

export function fieldView(field: FieldSpec): FieldView {
  const key = field.type === 'ref' ? `${field.name}Id` : field.name;
  return {
    name: field.name,
    Name: capitalize(field.name),
    snake: splitWords(field.name).join('_'),
    label: splitWords(field.name).join(' '),
    type: field.type,
    is: Object.fromEntries(FIELD_TYPES.map((type) => [type, type === field.type])) as Record<FieldType, boolean>,
    optional: field.optional,
    required: !field.optional,
    values: field.values ?? [],
    ...(field.ref === undefined ? {} : { ref: withLabel(resourceNames(field.ref)) }),
    key,
    keySnake: splitWords(key).join('_'),
  };
}

/** `extend` is the rendering module's `resourceFields`; its keys are merged into every field. */
export function resourceView(spec: ResourceSpec, extend?: (field: FieldView) => Record<string, unknown>): ResourceView {
  const names = withLabel(resourceNames(spec.name));
  const fields = spec.fields.map((field) => {
    const view = fieldView(field);
    return extend ? { ...view, ...extend(view) } : view;
  });
  const refs = fields.filter((f) => f.is.ref);
  return { ...names, fields, refs, hasRefs: refs.length > 0, hasOptionalRefs: refs.some((f) => f.optional) };
}

/** Path tokens of per-resource template files: `src/features/__pluralKebab__/routes.ts`. */
export function resourcePath(path: string, names: ResourceNames): string {
  return path.replace(/__(plural|pluralKebab|pluralSnake|singular|Singular|Plural)__/g, (_, token: keyof ResourceNames) => names[token]);
}

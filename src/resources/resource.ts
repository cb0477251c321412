// The resources a project has (groundwork.json "resources"), and the checks a new one passes before
// anything is generated: its names, its fields and its refs, against the resources already there.
import { didYouMean } from '../cli/suggest.js';
import { quote, UsageError } from '../errors.js';
import { enumValueProblem, FIELD_TYPES, fieldClashProblem, fieldNameProblem, formatField, MAX_ENUM_VALUES, MAX_FIELDS, parseFields, type FieldSpec } from './fields.js';
import { resourceNameProblem, resourceNames, type ResourceNames } from './names.js';
import { reservedIn, type ReservedLanguage } from './reserved.js';
import { expected, isRecord } from '../json-problems.js';

export interface ResourceSpec {
  /** Plural camelCase: "invoices". */
  name: string;
  fields: FieldSpec[];
}

/** The fields of a resource generated without --fields. */
export const DEFAULT_FIELDS: FieldSpec[] = [{ name: 'name', type: 'string', optional: false }];

/** The sample resource every project starts with. */
export const SAMPLE_RESOURCE: ResourceSpec = {
  name: 'notes',
  fields: [
    { name: 'title', type: 'string', optional: false },
    { name: 'body', type: 'text', optional: false },
  ],
};

/** The forms of a resource name that generated code uses as identifiers, each checked against every language's reserved words. */
/** Where each spelling of a resource name lands: a variable, a table and proto package, a GraphQL type. */
const RESERVED_CHECKED_FORMS: readonly (readonly [keyof ResourceNames, readonly ReservedLanguage[]])[] = [
  ['singular', ['JavaScript/TypeScript']],
  ['plural', ['JavaScript/TypeScript']],
  ['pluralSnake', ['SQL', 'protobuf']],
  ['Singular', ['GraphQL']],
  ['Plural', ['GraphQL']],
];

interface Named {
  name: string;
  names: ResourceNames;
}

/** Why `names` (of `input`) would break generated code, worded to follow the quoted input. */
function reservedProblem(input: string, names: ResourceNames): string | undefined {
  for (const [form, languages] of RESERVED_CHECKED_FORMS) {
    const word = names[form];
    const language = reservedIn(word, languages);
    if (language !== undefined) return `${word === input ? 'is' : `gives ${quote(word)}, which is`} reserved in ${language}; choose another name`;
  }
  return undefined;
}

/**
 * Why a resource called `names` cannot sit beside `others` (none with the same plural), worded to
 * follow its quoted name: one's singular or plural is the other's, ignoring case ("peoples" gives
 * singular "people", the plural of "people"), so a GraphQL field, SQL table or REST path would be shared.
 */
function clashProblem(names: ResourceNames, others: readonly Named[]): string | undefined {
  const forms = (n: ResourceNames) => [['singular', n.singular], ['plural', n.plural]] as const;
  for (const other of others) {
    for (const [form, word] of forms(names)) {
      for (const [otherForm, otherWord] of forms(other.names)) {
        if (word.toLowerCase() !== otherWord.toLowerCase()) continue;
        const relation = word === otherWord ? 'is' : 'differs only in case from';
        return `gives ${form} ${quote(word)}, which ${relation} the ${otherForm} of resource ${quote(other.name)}; choose another name`;
      }
    }
  }
  return undefined;
}

/** "a", "a or b", "a, b or c". */
const oneOf = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

const named = (existing: readonly ResourceSpec[]): Named[] => existing.map((spec) => ({ name: spec.name, names: resourceNames(spec.name) }));

/**
 * Checks a new resource against the ones a project has: its name valid and not reserved, not already
 * there in any spelling, no singular or plural shared with another resource, every ref pointing at an
 * existing resource or at itself (category:ref(categories)), its path no route's. Returns the normalized spec or throws UsageError.
 */
export function newResource(name: string, fieldsText: string | undefined, existing: readonly ResourceSpec[], routes: readonly { name: string }[] = []): ResourceSpec {
  const names = resourceNames(name);
  const reserved = reservedProblem(name, names);
  if (reserved !== undefined) throw new UsageError(`Resource name ${quote(name)} ${reserved}.`);
  // The project's own routes are at /v1/<name>: one there would answer the resource's list and create.
  if (routes.some((route) => route.name === names.pluralKebab)) {
    throw new UsageError(`Resource name ${quote(name)} would serve /v1/${names.pluralKebab}, the path of route ${quote(names.pluralKebab)}; choose another name.`);
  }
  const same = existing.find((spec) => spec.name === names.plural);
  if (same !== undefined) throw new UsageError(`Resource ${quote(name)} already exists${name === same.name ? '' : ` as ${quote(same.name)}`}.`);
  const clash = clashProblem(names, named(existing));
  if (clash !== undefined) throw new UsageError(`Resource name ${quote(name)} ${clash}.`);

  const fields = fieldsText === undefined ? DEFAULT_FIELDS.map((field) => ({ ...field })) : parseFields(fieldsText);
  const targets = [...existing.map((spec) => spec.name), names.plural];
  for (const field of fields) {
    // The first record could never be made: every one would need an existing one to point at.
    if (field.type === 'ref' && field.ref === names.plural && !field.optional) {
      throw new UsageError(`Field ${quote(formatField(field))}: a ref to the resource itself must be optional (${quote(`${formatField(field)}?`)}), or no first record could be made.`);
    }
    if (field.type !== 'ref' || targets.includes(field.ref!)) continue;
    const choices = oneOf([...existing.map((spec) => spec.name), `${names.plural} itself`]);
    throw new UsageError(`Field ${quote(formatField(field))}: there is no resource ${quote(field.ref!)}; a ref can point at ${choices}.`);
  }
  return { name: names.plural, fields };
}

/**
 * For `remove resource`: the existing spec `name` means in any spelling, or a UsageError naming the
 * value and listing the project's resources; also a UsageError when another resource has a ref to it.
 */
export function findResource(name: string, existing: readonly ResourceSpec[]): ResourceSpec {
  const plural = resourceNames(name).plural;
  const found = existing.find((spec) => spec.name === plural);
  if (found === undefined) {
    const known = existing.map((spec) => spec.name);
    if (known.length === 0) throw new UsageError(`Unknown resource ${quote(name)}: the project has no resources.`);
    throw new UsageError(`Unknown resource ${quote(name)}.${didYouMean(plural, known)} The project's resources: ${known.join(', ')}.`);
  }
  const referrers = existing.flatMap((spec) =>
    spec === found ? [] : spec.fields.filter((field) => field.type === 'ref' && field.ref === found.name).map((field) => ({ spec, field })),
  );
  if (referrers.length > 0) {
    const { spec, field } = referrers[0]!;
    const more = referrers.length > 1 ? ` (and ${referrers.length - 1} more ref${referrers.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`Resource ${quote(found.name)} is referenced by field ${quote(formatField(field))} of resource ${quote(spec.name)}${more}; remove ${quote(spec.name)} first.`);
  }
  return found;
}

// groundwork.json "resources", worded like the rest of its checks (json-problems.ts).

/** Why `value` is not an array of 1 to `max` items, or undefined when it is. */
function listProblem(field: string, what: string, value: unknown, max: number): string | undefined {
  if (!Array.isArray(value)) return expected(field, `an array of 1 to ${max} ${what}`, value);
  if (value.length === 0) return `${field} is empty (it must hold 1 to ${max} ${what})`;
  if (value.length > max) return `${field} has ${value.length} ${what}, more than ${max}`;
  return undefined;
}
const unknownKeys = (value: Record<string, unknown>, known: readonly string[], field: string) =>
  Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => `${field} has an unknown key ${quote(key)}`);

/** Problems of a plural camelCase resource name (the resource's own, or a ref's); empty when sound. */
function pluralNameProblems(field: string, value: unknown): string[] {
  if (typeof value !== 'string') return [expected(field, 'a plural camelCase resource name such as "invoices"', value)];
  const problem = resourceNameProblem(value);
  if (problem !== undefined) return [`${field} ${quote(value)} ${problem}`];
  const { plural } = resourceNames(value);
  return plural === value ? [] : [`${field} ${quote(value)} must be the plural camelCase name ${quote(plural)}`];
}

/** Problems of an enum field's recorded values; `at` names a key of the field. */
function enumValuesProblems(values: unknown, at: (key: string) => string): string[] {
  const listed = listProblem(at('.values'), 'enum values', values, MAX_ENUM_VALUES);
  if (listed !== undefined) return [listed];
  return (values as unknown[]).flatMap((item, i, all) => {
    if (typeof item !== 'string') return [expected(at(`.values[${i}]`), 'an enum value', item)];
    const problem = enumValueProblem(item) ?? (all.indexOf(item) !== i ? 'is given twice' : undefined);
    return problem === undefined ? [] : [`${at(`.values[${i}]`)} ${quote(item)} ${problem}`];
  });
}

/** Problems of one recorded field at `path` ("resources[0].fields[1]"); the sound field, when there are none. */
function fieldProblems(value: unknown, path: string, earlier: readonly FieldSpec[]): { problems: string[]; spec?: FieldSpec } {
  const at = (key = '') => `"${path}${key}"`;
  if (!isRecord(value)) return { problems: [expected(at(), 'an object with "name", "type" and "optional"', value)] };
  const problems = unknownKeys(value, ['name', 'type', 'optional', 'values', 'ref'], at());
  const { name, type, optional, values, ref } = value;
  if (typeof name !== 'string') problems.push(expected(at('.name'), 'a camelCase field name', name));
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) problems.push(expected(at('.type'), `one of ${FIELD_TYPES.join(', ')}`, type));
  if (typeof optional !== 'boolean') problems.push(expected(at('.optional'), 'true or false', optional));

  if (type === 'enum') problems.push(...enumValuesProblems(values, at));
  else if (values !== undefined) problems.push(`${at('.values')} is only for enum fields`);
  if (type === 'ref') problems.push(...pluralNameProblems(at('.ref'), ref));
  else if (ref !== undefined) problems.push(`${at('.ref')} is only for ref fields`);

  if (typeof name === 'string') {
    const problem = fieldNameProblem(name, type === 'ref' && typeof ref === 'string' ? ref : undefined);
    if (problem !== undefined) problems.push(`${at('.name')} ${quote(name)} ${problem}`);
  }
  if (problems.length > 0) return { problems };
  const spec = { name, type, optional, ...(type === 'enum' ? { values } : {}), ...(type === 'ref' ? { ref } : {}) } as FieldSpec;
  const clash = fieldClashProblem(spec, earlier);
  return clash === undefined ? { problems, spec } : { problems: [`${at('.name')} ${quote(spec.name)} ${clash}`] };
}

/** Problems of a resource's name at `path`; its names when it is sound and fits beside `sound`. */
function resourceNameProblems(value: unknown, path: string, sound: readonly Named[]): { problems: string[]; named?: Named } {
  const problems = pluralNameProblems(`"${path}"`, value);
  if (problems.length > 0) return { problems };
  const name = value as string;
  const names = resourceNames(name);
  const problem = sound.some((other) => other.name === name) ? 'is listed twice' : (reservedProblem(name, names) ?? clashProblem(names, sound));
  return problem === undefined ? { problems, named: { name, names } } : { problems: [`"${path}" ${quote(name)} ${problem}`] };
}

/**
 * Validates a parsed groundwork.json "resources" value; returns problems, each naming its field like
 * `"resources[1].fields[0].type" must be one of ..., not string "money"`. Empty when it is sound.
 */
export function resourcesProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [expected('"resources"', 'an array of resources', value)];
  const problems: string[] = [];
  const sound: Named[] = [];
  const refs: { path: string; ref: string }[] = [];
  for (const [i, resource] of (value as unknown[]).entries()) {
    const path = `resources[${i}]`;
    if (!isRecord(resource)) {
      problems.push(expected(`"${path}"`, 'an object with "name" and "fields"', resource));
      continue;
    }
    problems.push(...unknownKeys(resource, ['name', 'fields'], `"${path}"`));
    const checkedName = resourceNameProblems(resource.name, `${path}.name`, sound);
    problems.push(...checkedName.problems);
    if (checkedName.named !== undefined) sound.push(checkedName.named);

    const { fields } = resource;
    const fieldsProblem = listProblem(`"${path}.fields"`, 'fields', fields, MAX_FIELDS);
    if (fieldsProblem !== undefined) {
      problems.push(fieldsProblem);
      continue;
    }
    const specs: FieldSpec[] = [];
    for (const [j, field] of (fields as unknown[]).entries()) {
      const checked = fieldProblems(field, `${path}.fields[${j}]`, specs);
      problems.push(...checked.problems);
      if (checked.spec === undefined) continue;
      specs.push(checked.spec);
      if (checked.spec.ref !== undefined) refs.push({ path: `${path}.fields[${j}].ref`, ref: checked.spec.ref });
    }
  }
  // A ref may point at any resource of the list, later ones and its own included.
  for (const { path, ref } of refs) {
    if (!(value as unknown[]).some((resource) => isRecord(resource) && resource.name === ref)) problems.push(`"${path}" ${quote(ref)} is not one of the resources`);
  }
  return problems;
}

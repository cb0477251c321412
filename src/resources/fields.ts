// A resource's own fields (beside id, createdAt and updatedAt), as `--fields` writes them:
// "amount:number,paid:boolean?,status:enum(draft|sent),customer:ref(customers)".
import { closest } from '../cli/suggest.js';
import { quote, UsageError } from '../errors.js';
import { camelCase, resourceNameProblem, resourceNames, splitWords } from './names.js';
import { reservedIn } from './reserved.js';

export const FIELD_TYPES = ['string', 'text', 'integer', 'number', 'boolean', 'datetime', 'uuid', 'enum', 'ref'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldSpec {
  /** camelCase as given: "dueDate"; for a ref, the relation: "customer". */
  name: string;
  type: FieldType;
  /** Written with a "?" after the type. */
  optional: boolean;
  /** enum(a|b|c) -> ["a", "b", "c"]. */
  values?: string[];
  /** ref(customer) or ref(customers) -> the referenced resource's plural camelCase name, "customers". */
  ref?: string;
}

export const MAX_FIELDS = 50;
export const MAX_ENUM_VALUES = 50;
const MAX_NAME_LENGTH = 40;
const fieldNameShape = /^[a-z][a-zA-Z0-9]*$/;
const enumValueShape = /^[a-z][a-z0-9_]*$/;
/** Every resource has these. */
const BUILTIN_FIELDS = ['id', 'createdAt', 'updatedAt'];
const typeList = FIELD_TYPES.map((type) => (type === 'enum' ? 'enum(a|b|c)' : type === 'ref' ? 'ref(<resource>)' : type)).join(', ');
const isFieldType = (word: string): word is FieldType => (FIELD_TYPES as readonly string[]).includes(word);

/** A ref's key in records and APIs: "customer" -> "customerId" (the column is customer_id). */
const refKey = (name: string): string => `${name}Id`;

/** camelCase of a near miss ("due_date", "DueDate" -> "dueDate"), for examples. */
function camelOf(text: string, fallback: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(text)) return fallback;
  const camel = camelCase(splitWords(text));
  return fieldNameShape.test(camel) ? camel : fallback;
}

/**
 * Why `name` cannot name a field, worded to follow the quoted name; undefined when it can. With `ref`
 * (the referenced resource), also refuses a name that is already the ref's id field ("customerId").
 */
export function fieldNameProblem(name: string, ref?: string): string | undefined {
  if (!fieldNameShape.test(name)) return `is not a valid field name; use camelCase ASCII letters and digits starting with a lowercase letter, e.g. ${quote(camelOf(name, 'dueDate'))}`;
  if (name.length > MAX_NAME_LENGTH) return `is ${name.length} characters long; use at most ${MAX_NAME_LENGTH}`;
  if (BUILTIN_FIELDS.some((builtin) => builtin.toLowerCase() === name.toLowerCase())) return `is a field every resource has (${BUILTIN_FIELDS.join(', ')}); choose another name`;
  // A field is a TypeScript name as declared and an SQL column in snake_case. GraphQL and protobuf take
  // keywords as field names (descriptor.proto itself has a field "package").
  const language = reservedIn(name, ['JavaScript/TypeScript']);
  if (language !== undefined) return `is reserved in ${language}; choose another name`;
  const column = splitWords(name).join('_');
  if (reservedIn(column, ['SQL']) !== undefined) return `${column === name ? 'is' : `gives the column ${quote(column)}, which is`} reserved in SQL; choose another name`;
  if (ref !== undefined && /.I[dD]$/.test(name)) return `would be a ref's id field; name the relation instead, e.g. ${quote(`${name.slice(0, -2)}:ref(${ref})`)}`;
  return undefined;
}

/** Why `value` cannot be an enum value, worded to follow the quoted value; undefined when it can. */
export function enumValueProblem(value: string): string | undefined {
  if (!enumValueShape.test(value)) {
    const near = /^[A-Za-z][A-Za-z0-9_-]*$/.test(value) ? splitWords(value).join('_') : 'in_progress';
    return `is not valid; use lowercase ASCII letters, digits and "_", starting with a letter, e.g. ${quote(enumValueShape.test(near) ? near : 'in_progress')}`;
  }
  if (value.length > MAX_NAME_LENGTH) return `is ${value.length} characters long; use at most ${MAX_NAME_LENGTH}`;
  // Protobuf enum values are prefixed with the enum's name, so only GraphQL's keywords can clash, and
  // the zero value every proto enum has: <ENUM>_UNSPECIFIED.
  const language = reservedIn(value, ['GraphQL']);
  if (language !== undefined) return `is reserved in ${language}; choose another value`;
  if (value === 'unspecified') return 'is the name of the zero value every protobuf enum has; choose another value';
  return undefined;
}

/**
 * Why `field` cannot join `earlier` fields of the same resource, worded to follow its quoted name;
 * undefined when it can. Names are compared ignoring case, which also covers their snake_case
 * columns: two columns are equal only when the names are equal ignoring case.
 */
export function fieldClashProblem(field: FieldSpec, earlier: readonly FieldSpec[]): string | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const other of earlier) {
    if (other.name === field.name) return 'is given twice';
    if (same(other.name, field.name)) return `differs from field ${quote(other.name)} only in case`;
    if (other.type === 'ref' && same(refKey(other.name), field.name)) return `is the id field of ref field ${quote(other.name)}; choose another name`;
    if (field.type === 'ref' && same(refKey(field.name), other.name)) return `would add id field ${quote(refKey(field.name))}, which is already a field; choose another name`;
    // An optional field's gRPC patch is `oneof <x>_change { T <x>; bool clear_<x>; }`.
    for (const [optional, plain] of [[other, field], [field, other]] as const) {
      if (!optional.optional) continue;
      const key = optional.type === 'ref' ? refKey(optional.name) : optional.name;
      const taken = [`clear${key.charAt(0).toUpperCase()}${key.slice(1)}`, `${key}Change`];
      if (taken.some((name) => same(name, plain.name))) return `clashes with the gRPC patch of optional field ${quote(optional.name)} (${taken.join(', ')}); choose another name`;
    }
    // Nested proto enums put their values in the message's scope: STATUS_KIND_A from status/kind_a and statusKind/a.
    const clashing = (field.values ?? []).map((value) => protoEnumValue(field.name, value)).find((name) => (other.values ?? []).some((value) => protoEnumValue(other.name, value) === name));
    if (clashing !== undefined) return `gives the protobuf enum value ${clashing}, which enum field ${quote(other.name)} gives too; rename a field or a value`;
  }
  return undefined;
}

const protoEnumValue = (field: string, value: string): string => `${splitWords(field).join('_')}_${value}`.toUpperCase();

/** `text` cut at commas outside parentheses, so "enum(a,b)" stays one item and gets its own message. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth = Math.max(0, depth - 1);
    else if (text[i] === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

function parseEnumValues(arg: string, fail: (reason: string) => UsageError): string[] {
  if (arg.includes(',')) {
    const fixed = `enum(${arg.split(',').map((value) => value.trim()).join('|')})`;
    throw fail(`separate enum values with "|", not ",", e.g. ${quote(fixed)}`);
  }
  if (arg.trim() === '') throw fail('enum needs at least one value, e.g. enum(draft|sent)');
  const values = arg.split('|').map((value) => value.trim());
  if (values.includes('')) throw fail(`${quote(`enum(${arg})`)} has an empty value; separate values with one "|", e.g. enum(draft|sent)`);
  if (values.length > MAX_ENUM_VALUES) throw fail(`enum has ${values.length} values; use at most ${MAX_ENUM_VALUES}`);
  values.forEach((value, i) => {
    const problem = enumValueProblem(value);
    if (problem !== undefined) throw fail(`enum value ${quote(value)} ${problem}`);
    if (values.indexOf(value) !== i) throw fail(`enum value ${quote(value)} is given twice`);
  });
  return values;
}

function parseRef(name: string, arg: string | undefined, fail: (reason: string) => UsageError): string {
  const target = arg?.trim() ?? '';
  if (target === '') {
    const example = resourceNameProblem(name) === undefined ? resourceNames(name).plural : 'customers';
    throw fail(`ref needs the resource it points at, e.g. ${quote(`${name}:ref(${example})`)}`);
  }
  const problem = resourceNameProblem(target);
  if (problem !== undefined) throw fail(`ref target ${quote(target)} ${problem}`);
  return resourceNames(target).plural;
}

/** One `<name>:<type>[?]` item, trimmed. */
function parseField(item: string): FieldSpec {
  const fail = (reason: string) => new UsageError(`Field ${quote(item)}: ${reason}.`);
  const colon = item.indexOf(':');
  if (colon === -1) throw fail(`no type; write <name>:<type>, e.g. ${quote(`${camelOf(item, 'amount')}:number`)}`);
  const name = item.slice(0, colon).trim();
  let typeText = item.slice(colon + 1).trim();
  if (name === '') throw fail('no name before ":"; write <name>:<type>, e.g. "amount:number"');
  if (name.endsWith('?')) throw fail(`put "?" after the type, e.g. ${quote(`${name.slice(0, -1).trim()}:${typeText}?`)}`);
  const nameProblem = fieldNameProblem(name);
  if (nameProblem !== undefined) throw fail(`${quote(name)} ${nameProblem}`);

  const optional = typeText.endsWith('?');
  if (optional) typeText = typeText.slice(0, -1).trimEnd();
  if (typeText === '') throw fail(`no type after ":"; use one of ${typeList}`);
  const parts = /^([A-Za-z][A-Za-z0-9]*)\s*(?:\((.*)\))?$/s.exec(typeText);
  const type = parts?.[1] ?? typeText;
  const arg = parts?.[2];
  // One pair of parentheses at the end, or none: "enum(a|b", "enum(a)(b)" are not a type with an argument.
  if (/[()]/.test(typeText) && (parts === null || /[()]/.test(arg ?? ''))) throw fail(`type ${quote(typeText)} is not well-formed; write enum(a|b|c) or ref(<resource>)`);
  if (!isFieldType(type)) {
    const near = closest(type, FIELD_TYPES);
    throw fail(`unknown type ${quote(type)}${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}; use one of ${typeList}`);
  }

  if (type === 'enum') {
    if (arg === undefined) throw fail(`enum needs its values, e.g. ${quote(`${name}:enum(draft|sent)`)}`);
    // The enum's GraphQL type is <Resource><Field>: these would be the resource's own input, patch or page types.
    if (ENUM_CLASHES.includes(name)) throw fail(`an enum field cannot be named ${quote(name)}: its GraphQL type would clash with the resource's own ${name} type; choose another name`);
    return { name, type, optional, values: parseEnumValues(arg, fail) };
  }
  if (type === 'ref') {
    const ref = parseRef(name, arg, fail);
    const refProblem = fieldNameProblem(name, ref);
    if (refProblem !== undefined) throw fail(`${quote(name)} ${refProblem}`);
    return { name, type, optional, ref };
  }
  if (arg !== undefined) throw fail(`type ${quote(type)} takes no argument; write ${quote(`${name}:${type}${optional ? '?' : ''}`)}`);
  return { name, type, optional };
}

/** Names the GraphQL module gives types of a resource (InvoiceInput, InvoicePatch, InvoiceConnection, InvoiceEdge). */
const ENUM_CLASHES = ['input', 'patch', 'connection', 'edge', 'page'];

/** The fields a `--fields` value lists, in order; a one-line UsageError naming the first bad token otherwise. */
export function parseFields(text: string): FieldSpec[] {
  const items = splitItems(text).map((item) => item.trim());
  if (items.every((item) => item === '')) throw new UsageError(`Field list ${quote(text)} has no fields; give at least one, e.g. "title:string,dueDate:datetime?".`);
  if (items.at(-1) === '') throw new UsageError(`Field list ${quote(text)} ends with a comma; remove it.`);
  if (items.includes('')) throw new UsageError(`Field list ${quote(text)} has an empty item; separate fields with one comma.`);
  if (items.length > MAX_FIELDS) throw new UsageError(`Field list has ${items.length} fields, from ${quote(items[0]!)} to ${quote(items.at(-1)!)}; use at most ${MAX_FIELDS}.`);
  const fields: FieldSpec[] = [];
  for (const item of items) {
    const field = parseField(item);
    const clash = fieldClashProblem(field, fields);
    if (clash !== undefined) throw new UsageError(`Field ${quote(item)}: ${quote(field.name)} ${clash}.`);
    fields.push(field);
  }
  return fields;
}

/** One field as `--fields` writes it: "status:enum(draft|sent)?". */
export function formatField(field: FieldSpec): string {
  const arg = field.type === 'enum' ? `(${(field.values ?? []).join('|')})` : field.type === 'ref' ? `(${field.ref ?? ''})` : '';
  return `${field.name}:${field.type}${arg}${field.optional ? '?' : ''}`;
}

/** The `--fields` value for `fields`; parseFields reads it back to equal fields. */
export function formatFields(fields: readonly FieldSpec[]): string {
  return fields.map(formatField).join(',');
}

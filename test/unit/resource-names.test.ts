// A resource's names come from one spelling the user typed; reserved words and clashes are refused.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { pluralize, resourceNameProblem, resourceNames, singularize, splitWords } from '../../src/resources/names.js';
import { GRAPHQL_RESERVED, JS_RESERVED, PROTOBUF_RESERVED, reservedIn, SQL_RESERVED } from '../../src/resources/reserved.js';
import { DEFAULT_FIELDS, findResource, newResource, SAMPLE_RESOURCE, type ResourceSpec } from '../../src/resources/resource.js';

/** Singular and plural pairs across every rule and exception. */
const pairs: [string, string][] = [
  ['note', 'notes'], ['invoice', 'invoices'], ['item', 'items'], ['user', 'users'], ['order', 'orders'], ['archive', 'archives'],
  ['category', 'categories'], ['city', 'cities'], ['company', 'companies'], ['day', 'days'], ['key', 'keys'], ['guy', 'guys'],
  ['movie', 'movies'], ['cookie', 'cookies'], ['pie', 'pies'],
  ['address', 'addresses'], ['class', 'classes'], ['process', 'processes'], ['business', 'businesses'],
  ['status', 'statuses'], ['bus', 'buses'], ['campus', 'campuses'], ['virus', 'viruses'], ['bonus', 'bonuses'],
  ['house', 'houses'], ['warehouse', 'warehouses'], ['cause', 'causes'], ['excuse', 'excuses'], ['use', 'uses'],
  ['case', 'cases'], ['course', 'courses'], ['database', 'databases'], ['base', 'bases'], ['response', 'responses'], ['purchase', 'purchases'],
  ['gas', 'gases'], ['alias', 'aliases'], ['canvas', 'canvases'], ['lens', 'lenses'],
  ['analysis', 'analyses'], ['crisis', 'crises'], ['thesis', 'theses'], ['hypothesis', 'hypotheses'], ['diagnosis', 'diagnoses'], ['oasis', 'oases'],
  ['box', 'boxes'], ['tax', 'taxes'], ['index', 'indexes'], ['waltz', 'waltzes'], ['buzz', 'buzzes'], ['size', 'sizes'], ['prize', 'prizes'],
  ['match', 'matches'], ['batch', 'batches'], ['branch', 'branches'], ['cache', 'caches'], ['niche', 'niches'], ['epoch', 'epochs'],
  ['dish', 'dishes'], ['hash', 'hashes'],
  ['leaf', 'leaves'], ['life', 'lives'], ['knife', 'knives'], ['wife', 'wives'], ['half', 'halves'], ['shelf', 'shelves'], ['wolf', 'wolves'], ['thief', 'thieves'],
  ['hero', 'heroes'], ['potato', 'potatoes'], ['tomato', 'tomatoes'], ['echo', 'echoes'], ['photo', 'photos'], ['video', 'videos'], ['shoe', 'shoes'],
  ['menu', 'menus'], ['bureau', 'bureaus'], ['taxi', 'taxis'], ['emoji', 'emojis'], ['axis', 'axes'],
  ['person', 'people'], ['child', 'children'], ['man', 'men'], ['woman', 'women'], ['mouse', 'mice'], ['goose', 'geese'],
  ['tooth', 'teeth'], ['foot', 'feet'], ['ox', 'oxen'], ['quiz', 'quizzes'],
];

describe('inflection', () => {
  it.each(pairs)('%s <-> %s names', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
    expect(singularize(singular)).toBe(singular);
    expect(resourceNames(singular)).toMatchObject({ singular, plural });
    expect(resourceNames(plural)).toMatchObject({ singular, plural });
  });

  it.each(pairs)('singularizes %s from %s', (singular, plural) => {
    expect(singularize(plural)).toBe(singular);
  });

  it('leaves uncountable words alone', () => {
    for (const word of ['news', 'series', 'species', 'data', 'metadata', 'information', 'equipment', 'feedback', 'software', 'hardware', 'staff', 'sheep', 'fish', 'deer']) {
      expect(pluralize(word)).toBe(word);
      expect(singularize(word)).toBe(word);
    }
  });
});

describe('resourceNames', () => {
  it('gives the sample its present names', () => {
    expect(resourceNames('notes')).toEqual({
      singular: 'note', plural: 'notes', Singular: 'Note', Plural: 'Notes', singularSnake: 'note', pluralSnake: 'notes',
      pluralKebab: 'notes', singularLabel: 'note', pluralLabel: 'notes', PLURAL: 'NOTES',
    });
  });

  it('reads every spelling of a two-word name, singular or plural, and inflects the last word', () => {
    const lineItems = {
      singular: 'lineItem', plural: 'lineItems', Singular: 'LineItem', Plural: 'LineItems', singularSnake: 'line_item', pluralSnake: 'line_items',
      pluralKebab: 'line-items', singularLabel: 'line item', pluralLabel: 'line items', PLURAL: 'LINE_ITEMS',
    };
    for (const spelling of ['lineItem', 'lineItems', 'LineItem', 'LineItems', 'line-item', 'line-items', 'line_item', 'line_items', 'LINE_ITEMS']) {
      expect(resourceNames(spelling)).toEqual(lineItems);
    }
    for (const spelling of ['invoice', 'invoices', 'Invoice', 'INVOICES']) expect(resourceNames(spelling)).toMatchObject({ singular: 'invoice', plural: 'invoices', Plural: 'Invoices' });
    expect(resourceNames('sales-person')).toMatchObject({ plural: 'salesPeople', pluralSnake: 'sales_people', singularLabel: 'sales person' });
    expect(resourceNames('product_categories')).toMatchObject({ singular: 'productCategory', pluralKebab: 'product-categories' });
  });

  it('keeps acronyms and digits inside their word', () => {
    expect(splitWords('APIKeys')).toEqual(['api', 'keys']);
    expect(splitWords('HTTPServer2Config')).toEqual(['http', 'server2', 'config']);
    expect(resourceNames('APIKey')).toMatchObject({ singular: 'apiKey', plural: 'apiKeys', Singular: 'ApiKey', pluralSnake: 'api_keys' });
    expect(resourceNames('oauth2Token')).toMatchObject({ plural: 'oauth2Tokens', pluralSnake: 'oauth2_tokens', pluralKebab: 'oauth2-tokens' });
    // Every derived spelling reads back to the same names.
    const names = resourceNames('HTTPServer2Config');
    for (const form of [names.singular, names.Plural, names.pluralSnake, names.pluralKebab, names.PLURAL]) expect(resourceNames(form)).toEqual(names);
  });

  it.each([
    ['', 'Resource name "" is not valid; use ASCII letters and digits, each word starting with a letter, in camelCase, PascalCase, kebab-case or snake_case, e.g. "invoice" or "line-item".'],
    ['line item', 'Resource name "line item" is not valid; use ASCII'],
    ['2fa-codes', 'Resource name "2fa-codes" is not valid'],
    ['line-2', 'Resource name "line-2" is not valid'],
    ['line--item', 'Resource name "line--item" is not valid'],
    ['items-', 'Resource name "items-" is not valid'],
    ['café', 'Resource name "café" is not valid'],
    ['a'.repeat(41), `Resource name "${'a'.repeat(41)}" is 41 characters long; use at most 40.`],
    ['news', 'Resource name "news" is the same in singular and plural, but a resource needs two names (GraphQL "invoice" and "invoices"); use another word, e.g. "newsItem".'],
    ['userData', 'Resource name "userData" ends in "data", which is the same in singular and plural, but a resource needs two names (GraphQL "invoice" and "invoices"); use another word, e.g. "userDataItem".'],
    ['Sheep', 'Resource name "Sheep" is the same in singular and plural'],
  ])('refuses %j', (input, message) => {
    expect(() => resourceNames(input)).toThrow(UsageError);
    expect(() => resourceNames(input)).toThrow(message);
  });

  it('accepts names of exactly 40 characters', () => {
    expect(resourceNames('a'.repeat(39) + 's').plural).toBe('a'.repeat(39) + 's');
    expect(resourceNameProblem('invoices')).toBeUndefined();
    expect(resourceNameProblem('a'.repeat(41))).toBe('is 41 characters long; use at most 40');
  });
});

describe('reservedIn', () => {
  it('names the language that reserves a word, comparing SQL case-insensitively and the rest exactly', () => {
    expect(reservedIn('class')).toBe('JavaScript/TypeScript');
    expect(reservedIn('constructor')).toBe('JavaScript/TypeScript');
    expect(reservedIn('user')).toBe('SQL');
    expect(reservedIn('USER')).toBe('SQL');
    expect(reservedIn('current_user')).toBe('SQL');
    expect(reservedIn('mutation')).toBe('GraphQL');
    expect(reservedIn('PageInfo')).toBe('GraphQL');
    expect(reservedIn('pageinfo')).toBeUndefined();
    expect(reservedIn('rpc')).toBe('protobuf');
    expect(reservedIn('RPC')).toBeUndefined();
    expect(reservedIn('invoice')).toBeUndefined();
  });

  it('checks only the languages asked for, in order', () => {
    expect(reservedIn('true')).toBe('JavaScript/TypeScript');
    expect(reservedIn('true', ['GraphQL', 'protobuf'])).toBe('GraphQL');
    expect(reservedIn('int64', ['GraphQL'])).toBeUndefined();
    expect(reservedIn('int64', ['GraphQL', 'protobuf'])).toBe('protobuf');
  });

  it('keeps each list citable and SQL in lowercase', () => {
    expect(JS_RESERVED.has('yield') && JS_RESERVED.has('__proto__') && !JS_RESERVED.has('type')).toBe(true);
    expect(GRAPHQL_RESERVED.has('__typename') && PROTOBUF_RESERVED.has('sfixed64')).toBe(true);
    expect([...SQL_RESERVED].filter((word) => word !== word.toLowerCase())).toEqual([]);
  });
});

describe('newResource names', () => {
  const notes: ResourceSpec[] = [SAMPLE_RESOURCE];

  it('normalizes any spelling to the plural and gives the default field', () => {
    expect(newResource('invoice', undefined, notes)).toEqual({ name: 'invoices', fields: [{ name: 'name', type: 'string', optional: false }] });
    expect(newResource('Line-Items', undefined, notes).name).toBe('lineItems');
    expect(newResource('notes', undefined, []).name).toBe('notes');
    const made = newResource('invoice', undefined, notes);
    made.fields[0]!.name = 'changed';
    expect(DEFAULT_FIELDS[0]!.name).toBe('name');
  });

  it.each([
    ['class', 'Resource name "class" is reserved in JavaScript/TypeScript; choose another name.'],
    ['classes', 'Resource name "classes" gives "class", which is reserved in JavaScript/TypeScript; choose another name.'],
    ['values', 'Resource name "values" is reserved in SQL; choose another name.'],
    ['query', 'Resource name "query" gives "Query", which is reserved in GraphQL; choose another name.'],
    ['nodes', 'Resource name "nodes" gives "Node", which is reserved in GraphQL; choose another name.'],
    ['page-info', 'Resource name "page-info" gives "PageInfo", which is reserved in GraphQL; choose another name.'],
    ['Strings', 'Resource name "Strings" gives "String", which is reserved in GraphQL; choose another name.'],
  ])('refuses reserved %j', (name, message) => {
    expect(() => newResource(name, undefined, notes)).toThrow(new UsageError(message));
  });

  it.each(['users', 'orders', 'messages', 'groups', 'types', 'services'])('takes %j: each spelling is reserved nowhere it lands', (name) => {
    expect(newResource(name, undefined, notes).name).toBe(name);
  });

  it.each([
    ['notes', 'Resource "notes" already exists.'],
    ['note', 'Resource "note" already exists as "notes".'],
    ['Notes', 'Resource "Notes" already exists as "notes".'],
  ])('refuses %j, which is already there', (name, message) => {
    expect(() => newResource(name, undefined, notes)).toThrow(new UsageError(message));
  });

  it('refuses a name whose singular or plural is another resource\'s', () => {
    const people: ResourceSpec[] = [{ name: 'people', fields: DEFAULT_FIELDS }];
    expect(() => newResource('peoples', undefined, people)).toThrow(
      new UsageError('Resource name "peoples" gives singular "people", which is the plural of resource "people"; choose another name.'),
    );
    const lineItems: ResourceSpec[] = [{ name: 'lineItems', fields: DEFAULT_FIELDS }];
    expect(() => newResource('lineitems', undefined, lineItems)).toThrow(
      new UsageError('Resource name "lineitems" gives singular "lineitem", which differs only in case from the singular of resource "lineItems"; choose another name.'),
    );
  });
});

describe('findResource', () => {
  const customers: ResourceSpec = { name: 'customers', fields: DEFAULT_FIELDS };
  const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
  const invoices: ResourceSpec = { name: 'invoices', fields: [{ name: 'customer', type: 'ref', optional: false, ref: 'customers' }] };
  const project = [SAMPLE_RESOURCE, customers, categories, invoices];

  it('finds a resource by any spelling, as the very object recorded', () => {
    expect(findResource('note', project)).toBe(SAMPLE_RESOURCE);
    expect(findResource('Invoice', project)).toBe(invoices);
    expect(findResource('categories', project)).toBe(categories);
  });

  it('refuses unknown names, listing the resources', () => {
    expect(() => findResource('invoce', project)).toThrow(new UsageError('Unknown resource "invoce". Did you mean invoices? The project\'s resources: notes, customers, categories, invoices.'));
    expect(() => findResource('orders', project)).toThrow(new UsageError('Unknown resource "orders". The project\'s resources: notes, customers, categories, invoices.'));
    expect(() => findResource('notes', [])).toThrow(new UsageError('Unknown resource "notes": the project has no resources.'));
    expect(() => findResource('news', project)).toThrow('Resource name "news" is the same in singular and plural');
  });

  it('refuses a resource another resource refers to, naming it and its field', () => {
    expect(() => findResource('customer', project)).toThrow(
      new UsageError('Resource "customers" is referenced by field "customer:ref(customers)" of resource "invoices"; remove "invoices" first.'),
    );
    const orders: ResourceSpec = { name: 'orders', fields: [{ name: 'buyer', type: 'ref', optional: true, ref: 'customers' }] };
    expect(() => findResource('customers', [...project, orders])).toThrow('of resource "invoices" (and 1 more ref); remove "invoices" first.');
  });
});

// `--fields` parses into field specs and back; every refusal is one line naming the token. The same
// rules check the resources recorded in groundwork.json.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { FIELD_TYPES, formatFields, parseFields } from '../../src/resources/fields.js';
import { DEFAULT_FIELDS, newResource, resourcesProblems, SAMPLE_RESOURCE, type ResourceSpec } from '../../src/resources/resource.js';

const types = 'use one of string, text, integer, number, boolean, datetime, uuid, enum(a|b|c), ref(<resource>).';
const refusal = (text: string) => {
  try {
    parseFields(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`parseFields accepted ${JSON.stringify(text)}`);
};

describe('parseFields', () => {
  it('reads every type, optional marks, enum values and refs', () => {
    expect(parseFields('amount:number,paid:boolean?,status:enum(draft|sent),customer:ref(customers)')).toEqual([
      { name: 'amount', type: 'number', optional: false },
      { name: 'paid', type: 'boolean', optional: true },
      { name: 'status', type: 'enum', optional: false, values: ['draft', 'sent'] },
      { name: 'customer', type: 'ref', optional: false, ref: 'customers' },
    ]);
    const plain = FIELD_TYPES.filter((type) => type !== 'enum' && type !== 'ref');
    expect(parseFields(plain.map((type) => `my${type}:${type}`).join(','))).toEqual(plain.map((type) => ({ name: `my${type}`, type, optional: false })));
    expect(parseFields('dueDate:datetime?,status:enum(a|b)?,customer:ref(customers)?')).toEqual([
      { name: 'dueDate', type: 'datetime', optional: true },
      { name: 'status', type: 'enum', optional: true, values: ['a', 'b'] },
      { name: 'customer', type: 'ref', optional: true, ref: 'customers' },
    ]);
  });

  it('allows whitespace around every token', () => {
    expect(parseFields(' amount : number , dueDate : datetime ? , status : enum( draft | in_progress ) ? , customer : ref( customer ) ')).toEqual([
      { name: 'amount', type: 'number', optional: false },
      { name: 'dueDate', type: 'datetime', optional: true },
      { name: 'status', type: 'enum', optional: true, values: ['draft', 'in_progress'] },
      { name: 'customer', type: 'ref', optional: false, ref: 'customers' },
    ]);
  });

  it('stores a ref as the plural camelCase name of any spelling', () => {
    for (const spelling of ['customer', 'customers', 'Customer', 'CUSTOMERS']) expect(parseFields(`buyer:ref(${spelling})`)[0]!.ref).toBe('customers');
    expect(parseFields('item:ref(line-item)')[0]!.ref).toBe('lineItems');
    expect(parseFields('parent:ref(categories)')[0]!.ref).toBe('categories');
  });

  it('accepts the limits: 50 fields, 50 enum values, 40-character names and values', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `field${i}:string`).join(',');
    expect(parseFields(fifty)).toHaveLength(50);
    const values = Array.from({ length: 50 }, (_, i) => `v${i}`);
    expect(parseFields(`status:enum(${values.join('|')})`)[0]!.values).toEqual(values);
    const long = `a${'b'.repeat(39)}`;
    expect(parseFields(`${long}:enum(${long})`)[0]).toEqual({ name: long, type: 'enum', optional: false, values: [long] });
  });

  it('formats fields back to a list that parses to the same fields', () => {
    const text = 'amount:number,paid:boolean?,status:enum(draft|sent),customer:ref(customers)';
    expect(formatFields(parseFields(text))).toBe(text);
    const loose = ' title : string , due : datetime ? , kind : enum( a | b )? , owner : ref( Customer )? ';
    const fields = parseFields(loose);
    expect(formatFields(fields)).toBe('title:string,due:datetime?,kind:enum(a|b)?,owner:ref(customers)?');
    expect(parseFields(formatFields(fields))).toEqual(fields);
    for (const spec of [SAMPLE_RESOURCE.fields, DEFAULT_FIELDS]) expect(parseFields(formatFields(spec))).toEqual(spec);
  });

  it.each<[string, string]>([
    ['', 'Field list "" has no fields; give at least one, e.g. "title:string,dueDate:datetime?".'],
    [',,', 'Field list ",," has no fields; give at least one, e.g. "title:string,dueDate:datetime?".'],
    [' , ', 'Field list " , " has no fields; give at least one, e.g. "title:string,dueDate:datetime?".'],
    ['a:string,', 'Field list "a:string," ends with a comma; remove it.'],
    ['a:string,,b:text', 'Field list "a:string,,b:text" has an empty item; separate fields with one comma.'],
    [',a:string', 'Field list ",a:string" has an empty item; separate fields with one comma.'],
    ['amount', 'Field "amount": no type; write <name>:<type>, e.g. "amount:number".'],
    ['due_date', 'Field "due_date": no type; write <name>:<type>, e.g. "dueDate:number".'],
    [':number', 'Field ":number": no name before ":"; write <name>:<type>, e.g. "amount:number".'],
    ['dueDate?:datetime', 'Field "dueDate?:datetime": put "?" after the type, e.g. "dueDate:datetime?".'],
    ['DueDate:datetime', 'Field "DueDate:datetime": "DueDate" is not a valid field name; use camelCase ASCII letters and digits starting with a lowercase letter, e.g. "dueDate".'],
    ['due_date:datetime', 'Field "due_date:datetime": "due_date" is not a valid field name; use camelCase ASCII letters and digits starting with a lowercase letter, e.g. "dueDate".'],
    ['2fa:string', 'Field "2fa:string": "2fa" is not a valid field name; use camelCase ASCII letters and digits starting with a lowercase letter, e.g. "dueDate".'],
    [`a${'b'.repeat(40)}:string`, `Field "a${'b'.repeat(40)}:string": "a${'b'.repeat(40)}" is 41 characters long; use at most 40.`],
    ['id:uuid', 'Field "id:uuid": "id" is a field every resource has (id, createdAt, updatedAt); choose another name.'],
    ['createdAt:datetime', 'Field "createdAt:datetime": "createdAt" is a field every resource has (id, createdAt, updatedAt); choose another name.'],
    ['updatedat:datetime', 'Field "updatedat:datetime": "updatedat" is a field every resource has (id, createdAt, updatedAt); choose another name.'],
    ['class:string', 'Field "class:string": "class" is reserved in JavaScript/TypeScript; choose another name.'],
    ['toString:string', 'Field "toString:string": "toString" is reserved in JavaScript/TypeScript; choose another name.'],
    ['order:integer', 'Field "order:integer": "order" is reserved in SQL; choose another name.'],
    ['currentUser:string', 'Field "currentUser:string": "currentUser" gives the column "current_user", which is reserved in SQL; choose another name.'],
    ['amount:', `Field "amount:": no type after ":"; ${types}`],
    ['amount:?', `Field "amount:?": no type after ":"; ${types}`],
    ['amount:money', `Field "amount:money": unknown type "money"; ${types}`],
    ['amount:strng', `Field "amount:strng": unknown type "strng" (did you mean string?); ${types}`],
    ['amount:String', `Field "amount:String": unknown type "String" (did you mean string?); ${types}`],
    ['amount:date time', `Field "amount:date time": unknown type "date time" (did you mean datetime?); ${types}`],
    ['amount:numbr(3)', `Field "amount:numbr(3)": unknown type "numbr" (did you mean number?); ${types}`],
    ['amount:string(255)', 'Field "amount:string(255)": type "string" takes no argument; write "amount:string".'],
    ['amount:number(3)?', 'Field "amount:number(3)?": type "number" takes no argument; write "amount:number?".'],
    ['status:enum', 'Field "status:enum": enum needs its values, e.g. "status:enum(draft|sent)".'],
    ['status:enum()', 'Field "status:enum()": enum needs at least one value, e.g. enum(draft|sent).'],
    ['status:enum( )', 'Field "status:enum( )": enum needs at least one value, e.g. enum(draft|sent).'],
    ['status:enum(a, b)', 'Field "status:enum(a, b)": separate enum values with "|", not ",", e.g. "enum(a|b)".'],
    ['status:enum(a||b)', 'Field "status:enum(a||b)": "enum(a||b)" has an empty value; separate values with one "|", e.g. enum(draft|sent).'],
    ['status:enum(a|)', 'Field "status:enum(a|)": "enum(a|)" has an empty value; separate values with one "|", e.g. enum(draft|sent).'],
    ['status:enum(a|b', 'Field "status:enum(a|b": type "enum(a|b" is not well-formed; write enum(a|b|c) or ref(<resource>).'],
    ['status:enum(a|b))', 'Field "status:enum(a|b))": type "enum(a|b))" is not well-formed; write enum(a|b|c) or ref(<resource>).'],
    ['status:enum(a)(b)', 'Field "status:enum(a)(b)": type "enum(a)(b)" is not well-formed; write enum(a|b|c) or ref(<resource>).'],
    ['status:enum(InProgress)', 'Field "status:enum(InProgress)": enum value "InProgress" is not valid; use lowercase ASCII letters, digits and "_", starting with a letter, e.g. "in_progress".'],
    ['status:enum(in-progress)', 'Field "status:enum(in-progress)": enum value "in-progress" is not valid; use lowercase ASCII letters, digits and "_", starting with a letter, e.g. "in_progress".'],
    ['status:enum(2x)', 'Field "status:enum(2x)": enum value "2x" is not valid; use lowercase ASCII letters, digits and "_", starting with a letter, e.g. "in_progress".'],
    [`status:enum(${'v'.repeat(41)})`, `Field "status:enum(${'v'.repeat(41)})": enum value "${'v'.repeat(41)}" is 41 characters long; use at most 40.`],
    ['status:enum(true)', 'Field "status:enum(true)": enum value "true" is reserved in GraphQL; choose another value.'],
    ['memo:text?,clearMemo:boolean', 'Field "clearMemo:boolean": "clearMemo" clashes with the gRPC patch of optional field "memo" (clearMemo, memoChange); choose another name.'],
    ['customerIdChange:string,customer:ref(customers)?', 'Field "customer:ref(customers)?": "customer" clashes with the gRPC patch of optional field "customer" (clearCustomerId, customerIdChange); choose another name.'],
    ['status:enum(kind_a|b),statusKind:enum(a|c)', 'Field "statusKind:enum(a|c)": "statusKind" gives the protobuf enum value STATUS_KIND_A, which enum field "status" gives too; rename a field or a value.'],
    ['input:enum(a|b)', 'Field "input:enum(a|b)": an enum field cannot be named "input": its GraphQL type would clash with the resource\'s own input type; choose another name.'],
    ['status:enum(unspecified)', 'Field "status:enum(unspecified)": enum value "unspecified" is the name of the zero value every protobuf enum has; choose another value.'],
    ['status:enum(a|b|a)', 'Field "status:enum(a|b|a)": enum value "a" is given twice.'],
    ['customer:ref', 'Field "customer:ref": ref needs the resource it points at, e.g. "customer:ref(customers)".'],
    ['customer:ref( )', 'Field "customer:ref( )": ref needs the resource it points at, e.g. "customer:ref(customers)".'],
    ['customer:ref(x-)', 'Field "customer:ref(x-)": ref target "x-" is not valid; use ASCII letters and digits, each word starting with a letter, in camelCase, PascalCase, kebab-case or snake_case, e.g. "invoice" or "line-item".'],
    ['customer:ref(news)', 'Field "customer:ref(news)": ref target "news" is the same in singular and plural, but a resource needs two names (GraphQL "invoice" and "invoices"); use another word, e.g. "newsItem".'],
    ['customerId:ref(customers)', 'Field "customerId:ref(customers)": "customerId" would be a ref\'s id field; name the relation instead, e.g. "customer:ref(customers)".'],
    ['buyerID:ref(customer)', 'Field "buyerID:ref(customer)": "buyerID" would be a ref\'s id field; name the relation instead, e.g. "buyer:ref(customers)".'],
    ['dueDate:datetime,dueDate:text', 'Field "dueDate:text": "dueDate" is given twice.'],
    ['dueDate:datetime,duedate:text', 'Field "duedate:text": "duedate" differs from field "dueDate" only in case.'],
    ['customer:ref(customers),customer:string', 'Field "customer:string": "customer" is given twice.'],
    ['customer:ref(customers),customerId:uuid', 'Field "customerId:uuid": "customerId" is the id field of ref field "customer"; choose another name.'],
    ['customer:ref(customers),customerid:uuid', 'Field "customerid:uuid": "customerid" is the id field of ref field "customer"; choose another name.'],
    ['customerId:uuid,customer:ref(customers)', 'Field "customer:ref(customers)": "customer" would add id field "customerId", which is already a field; choose another name.'],
  ])('refuses %j', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('refuses more than 50 fields and 50 enum values', () => {
    const fields = Array.from({ length: 51 }, (_, i) => `f${i}:string`).join(',');
    expect(refusal(fields)).toBe('Field list has 51 fields, from "f0:string" to "f50:string"; use at most 50.');
    const values = Array.from({ length: 51 }, (_, i) => `v${i}`).join('|');
    expect(refusal(`status:enum(${values})`)).toBe(`Field "status:enum(${values})": enum has 51 values; use at most 50.`);
  });
});

describe('newResource fields', () => {
  const customers: ResourceSpec = { name: 'customers', fields: DEFAULT_FIELDS };
  const project = [SAMPLE_RESOURCE, customers];

  it('keeps parsed fields and refs to existing resources or to itself', () => {
    expect(newResource('invoice', 'amount:number,customer:ref(customer)', project)).toEqual({
      name: 'invoices',
      fields: [
        { name: 'amount', type: 'number', optional: false },
        { name: 'customer', type: 'ref', optional: false, ref: 'customers' },
      ],
    });
    expect(newResource('category', 'parent:ref(category)?', project).fields).toEqual([{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }]);
    expect(() => newResource('category', 'parent:ref(category)', project)).toThrow(
      new UsageError('Field "parent:ref(categories)": a ref to the resource itself must be optional ("parent:ref(categories)?"), or no first record could be made.'),
    );
  });

  it('refuses a ref to a resource the project does not have, listing those it has', () => {
    expect(() => newResource('invoice', 'client:ref(clients)', project)).toThrow(
      new UsageError('Field "client:ref(clients)": there is no resource "clients"; a ref can point at notes, customers or invoices itself.'),
    );
    expect(() => newResource('invoice', 'owner:ref(owner)?', [])).toThrow(new UsageError('Field "owner:ref(owners)?": there is no resource "owners"; a ref can point at invoices itself.'));
  });

  it('refuses an empty --fields rather than falling back to the default', () => {
    expect(() => newResource('invoice', '', project)).toThrow('Field list "" has no fields');
  });
});

describe('resourcesProblems', () => {
  const field = (overrides: Record<string, unknown> = {}) => ({ name: 'title', type: 'string', optional: false, ...overrides });
  const problems = (resources: unknown) => resourcesProblems(resources);

  it('accepts what newResource makes, refs in any order', () => {
    const invoices = newResource('invoice', 'amount:number,status:enum(draft|sent)?,customer:ref(customers),parent:ref(invoices)?', [SAMPLE_RESOURCE, { name: 'customers', fields: DEFAULT_FIELDS }]);
    expect(problems([SAMPLE_RESOURCE, invoices, { name: 'customers', fields: DEFAULT_FIELDS }])).toEqual([]);
    expect(problems([])).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['a missing list', undefined, ['"resources" is missing (it must be an array of resources)']],
    ['an object', {}, ['"resources" must be an array of resources, not an object']],
    ['a number resource', [1], ['"resources[0]" must be an object with "name" and "fields", not number 1']],
    ['a null resource', [null], ['"resources[0]" must be an object with "name" and "fields", not null']],
    ['an unknown key', [{ name: 'notes', fields: [field()], extra: 1 }], ['"resources[0]" has an unknown key "extra"']],
    ['no fields', [{ name: 'notes' }], ['"resources[0].fields" is missing (it must be an array of 1 to 50 fields)']],
    ['empty fields', [{ name: 'notes', fields: [] }], ['"resources[0].fields" is empty (it must hold 1 to 50 fields)']],
    ['51 fields', [{ name: 'notes', fields: Array.from({ length: 51 }, (_, i) => field({ name: `f${i}` })) }], ['"resources[0].fields" has 51 fields, more than 50']],
    ['a numeric name', [{ name: 5, fields: [field()] }], ['"resources[0].name" must be a plural camelCase resource name such as "invoices", not number 5']],
    ['a singular name', [{ name: 'invoice', fields: [field()] }], ['"resources[0].name" "invoice" must be the plural camelCase name "invoices"']],
    ['a kebab name', [{ name: 'line-items', fields: [field()] }], ['"resources[0].name" "line-items" must be the plural camelCase name "lineItems"']],
    ['an invalid name', [{ name: '../x', fields: [field()] }], ['"resources[0].name" "../x" is not valid; use ASCII letters and digits, each word starting with a letter, in camelCase, PascalCase, kebab-case or snake_case, e.g. "invoice" or "line-item"']],
    ['an uncountable name', [{ name: 'news', fields: [field()] }], ['"resources[0].name" "news" is the same in singular and plural, but a resource needs two names (GraphQL "invoice" and "invoices"); use another word, e.g. "newsItem"']],
    ['a reserved name', [{ name: 'classes', fields: [field()] }], ['"resources[0].name" "classes" gives "class", which is reserved in JavaScript/TypeScript; choose another name']],
    ['a name listed twice', [SAMPLE_RESOURCE, SAMPLE_RESOURCE], ['"resources[1].name" "notes" is listed twice']],
    ['clashing names', [{ name: 'people', fields: [field()] }, { name: 'peoples', fields: [field()] }], ['"resources[1].name" "peoples" gives singular "people", which is the plural of resource "people"; choose another name']],
    ['a non-object field', [{ name: 'notes', fields: ['title:string'] }], ['"resources[0].fields[0]" must be an object with "name", "type" and "optional", not string "title:string"']],
    ['an unknown type', [{ name: 'notes', fields: [field({ type: 'money' })] }], ['"resources[0].fields[0].type" must be one of string, text, integer, number, boolean, datetime, uuid, enum, ref, not string "money"']],
    ['no optional', [{ name: 'notes', fields: [{ name: 'title', type: 'string' }] }], ['"resources[0].fields[0].optional" is missing (it must be true or false)']],
    ['a field key and a string optional', [{ name: 'notes', fields: [field({ optional: 'no', default: 1 })] }], ['"resources[0].fields[0]" has an unknown key "default"', '"resources[0].fields[0].optional" must be true or false, not string "no"']],
    ['a numeric field name', [{ name: 'notes', fields: [field({ name: 7 })] }], ['"resources[0].fields[0].name" must be a camelCase field name, not number 7']],
    ['a reserved field name', [{ name: 'notes', fields: [field({ name: 'class' })] }], ['"resources[0].fields[0].name" "class" is reserved in JavaScript/TypeScript; choose another name']],
    ['a ref named as its id', [{ name: 'notes', fields: [field({ name: 'noteId', type: 'ref', ref: 'notes' })] }], ['"resources[0].fields[0].name" "noteId" would be a ref\'s id field; name the relation instead, e.g. "note:ref(notes)"']],
    ['fields that clash', [{ name: 'notes', fields: [field(), field({ name: 'Title' }), field({ type: 'text' })] }], ['"resources[0].fields[1].name" "Title" is not a valid field name; use camelCase ASCII letters and digits starting with a lowercase letter, e.g. "title"', '"resources[0].fields[2].name" "title" is given twice']],
    ['a field on a ref\'s id', [{ name: 'notes', fields: [field({ name: 'note', type: 'ref', ref: 'notes' }), field({ name: 'noteId', type: 'uuid' })] }], ['"resources[0].fields[1].name" "noteId" is the id field of ref field "note"; choose another name']],
    ['enum without values', [{ name: 'notes', fields: [field({ type: 'enum' })] }], ['"resources[0].fields[0].values" is missing (it must be an array of 1 to 50 enum values)']],
    ['enum with no values', [{ name: 'notes', fields: [field({ type: 'enum', values: [] })] }], ['"resources[0].fields[0].values" is empty (it must hold 1 to 50 enum values)']],
    ['bad enum values', [{ name: 'notes', fields: [field({ type: 'enum', values: ['x', 'true', 'x', 5, 'Bad'] })] }], [
      '"resources[0].fields[0].values[1]" "true" is reserved in GraphQL; choose another value',
      '"resources[0].fields[0].values[2]" "x" is given twice',
      '"resources[0].fields[0].values[3]" must be an enum value, not number 5',
      '"resources[0].fields[0].values[4]" "Bad" is not valid; use lowercase ASCII letters, digits and "_", starting with a letter, e.g. "bad"',
    ]],
    ['values and ref on a string', [{ name: 'notes', fields: [field({ values: ['x'], ref: 'notes' })] }], ['"resources[0].fields[0].values" is only for enum fields', '"resources[0].fields[0].ref" is only for ref fields']],
    ['bad refs', [{ name: 'notes', fields: [field({ name: 'a', type: 'ref', ref: 'customers' }), field({ name: 'b', type: 'ref', ref: 'customer' }), field({ name: 'c', type: 'ref' })] }], [
      '"resources[0].fields[1].ref" "customer" must be the plural camelCase name "customers"',
      '"resources[0].fields[2].ref" is missing (it must be a plural camelCase resource name such as "invoices")',
      '"resources[0].fields[0].ref" "customers" is not one of the resources',
    ]],
  ])('reports %s', (_, resources, expected) => {
    expect(problems(resources)).toEqual(expected);
  });
});

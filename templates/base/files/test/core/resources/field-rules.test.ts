import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFields, checkPatchFields, fieldRule, INT32_MAX, INT32_MIN, STRING_MAX, TEXT_MAX, type FieldRule, type FieldRules } from '../../../src/core/resources/field-rules.js';
import { textWithForbiddenCharacter, wrongTypeValue } from '../../support/hostile-input.js';

/** The detail of the 422 the rule throws for `value`. */
function refusal(rule: FieldRule<unknown>, value: unknown): string | undefined {
  try {
    rule(value);
  } catch (error) {
    expect(error).toMatchObject({ status: 422 });
    return (error as { detail: string }).detail;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

const nonStrings = wrongTypeValue.filter((value) => typeof value !== 'string');

describe('string rule', () => {
  const rule = fieldRule.string('title');

  it('trims, and keeps what is left', () => {
    expect(rule('  Groceries \n')).toBe('Groceries');
    expect(rule(`${'x'.repeat(STRING_MAX)}   `)).toBe('x'.repeat(STRING_MAX));
  });

  it('refuses blank and overlong strings', () => {
    expect(refusal(rule, '')).toBe('title must not be blank');
    expect(refusal(rule, ' \t\r\n ')).toBe('title must not be blank');
    expect(refusal(rule, 'x'.repeat(STRING_MAX + 1))).toBe(`title must be at most ${STRING_MAX} characters`);
  });

  it('refuses what is not a string, and text the text rule refuses', () => {
    fc.assert(fc.property(nonStrings, (value) => void expect(refusal(rule, value)).toBe('title must be a string')));
    fc.assert(fc.property(textWithForbiddenCharacter, (text) => void expect(refusal(rule, text)).toMatch(/^title contains U\+/)));
  });
});

describe('text rule of a text field', () => {
  const rule = fieldRule.text('body');

  it('keeps the text as sent, empty and whitespace included', () => {
    for (const text of ['', '  spaced  ', 'lines\r\nand\ttabs', 'x'.repeat(TEXT_MAX)]) expect(rule(text)).toBe(text);
  });

  it('refuses overlong text, non-strings and forbidden characters', () => {
    expect(refusal(rule, 'x'.repeat(TEXT_MAX + 1))).toBe(`body must be at most ${TEXT_MAX} characters`);
    fc.assert(fc.property(nonStrings, (value) => void expect(refusal(rule, value)).toBe('body must be a string')));
    fc.assert(fc.property(textWithForbiddenCharacter, (text) => void expect(refusal(rule, text)).toMatch(/^body contains U\+/)));
  });
});

describe('integer rule', () => {
  const rule = fieldRule.integer('quantity');

  it('accepts every int32, and stores -0 as 0', () => {
    fc.assert(fc.property(fc.integer({ min: INT32_MIN, max: INT32_MAX }), (n) => void expect(rule(n)).toBe(n)));
    expect(Object.is(rule(-0), 0)).toBe(true);
  });

  it('refuses fractions, numbers outside int32, non-finite numbers and non-numbers', () => {
    const must = `quantity must be an integer from ${INT32_MIN} to ${INT32_MAX}`;
    for (const value of [1.5, INT32_MAX + 1, INT32_MIN - 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '42', null, true]) expect(refusal(rule, value)).toBe(must);
  });
});

describe('number rule', () => {
  const rule = fieldRule.number('amount');

  it('accepts every finite double, and stores -0 as 0', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => void expect(rule(n)).toBe(n + 0)));
    expect(Object.is(rule(-0), 0)).toBe(true);
  });

  it('refuses NaN, infinities and non-numbers', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1', null, [1]]) expect(refusal(rule, value)).toBe('amount must be a finite number');
  });
});

describe('boolean rule', () => {
  const rule = fieldRule.boolean('paid');

  it('accepts true and false only', () => {
    expect(rule(true)).toBe(true);
    expect(rule(false)).toBe(false);
    for (const value of ['true', 0, 1, null, {}]) expect(refusal(rule, value)).toBe('paid must be true or false');
  });
});

describe('datetime rule', () => {
  const rule = fieldRule.datetime('dueAt');

  it('returns the instant as toISOString spells it', () => {
    expect(rule('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05.678Z');
    expect(rule('2026-01-02T03:04:05Z')).toBe('2026-01-02T03:04:05.000Z');
    expect(rule('2026-01-02t03:04:05z')).toBe('2026-01-02T03:04:05.000Z');
    expect(rule('2026-01-02T03:04:05+02:00')).toBe('2026-01-02T01:04:05.000Z');
    expect(rule('2026-01-01T23:30:00.5-01:30')).toBe('2026-01-02T01:00:00.500Z');
    expect(rule('2026-01-02T03:04:05.123456789Z')).toBe('2026-01-02T03:04:05.123Z');
    expect(rule('2016-12-31T23:59:60Z')).toBe('2017-01-01T00:00:00.000Z'); // a leap second, as PostgreSQL reads it
    expect(rule('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
  });

  it('round-trips every instant of the years 1 to 9999', () => {
    const dates = fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(fc.property(dates, (date) => void expect(rule(date.toISOString())).toBe(date.toISOString())));
  });

  it('refuses dates without an offset, impossible dates, years outside 1-9999 and non-strings', () => {
    for (const value of [
      '2026-01-02',
      '2026-01-02T03:04:05',
      '2026-01-02 03:04:05Z',
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T00:00:00+24:00',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
      '9999-12-31T23:30:00-01:00',
      '+275760-09-13T00:00:00.000Z',
      'Tue, 01 Dec 2026 11:00:00 GMT',
      1767323045678,
      null,
    ]) {
      expect(refusal(rule, value), String(value)).toMatch(/^dueAt must be an RFC 3339 date-time/);
    }
  });
});

describe('uuid rule', () => {
  const rule = fieldRule.uuid('externalId');

  it('accepts any UUID and returns it lowercase', () => {
    fc.assert(fc.property(fc.uuid(), (uuid) => void expect(rule(uuid.toUpperCase())).toBe(uuid.toLowerCase())));
    expect(rule('00000000-0000-0000-0000-000000000000')).toBe('00000000-0000-0000-0000-000000000000');
  });

  it('refuses other spellings and non-strings', () => {
    for (const value of ['not-a-uuid', '6f1c2a524c8e4a8f9d591f0b6d7f1a01', '{6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01}', ' 6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01', 42]) {
      expect(refusal(rule, value)).toMatch(/^externalId must be a UUID/);
    }
  });
});

describe('enum rule', () => {
  const rule = fieldRule.enum('status', ['draft', 'sent', 'paid']);

  it('accepts its values only, naming them', () => {
    for (const value of ['draft', 'sent', 'paid']) expect(rule(value)).toBe(value);
    for (const value of ['Draft', 'draft ', '', 'other', 1, null]) expect(refusal(rule, value)).toBe('status must be one of draft, sent, paid');
  });
});

describe('ref rule', () => {
  const rule = fieldRule.ref('customerId');

  it('accepts an id of 1 to ID_MAX characters; existence is the service check', () => {
    expect(rule('6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01')).toBe('6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01');
    expect(rule('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('refuses empty, overlong and non-string ids, and forbidden characters', () => {
    for (const value of ['', 'x'.repeat(129), 42, null]) expect(refusal(rule, value)).toMatch(/^customerId must be an id of 1 to 128 characters/);
    expect(refusal(rule, 'a\u0000b')).toMatch(/^customerId contains U\+0000/);
  });
});

describe('optional rule', () => {
  const rule = fieldRule.optional(fieldRule.integer('rank'));

  it('takes omitted and null as null, anything else through the rule', () => {
    expect(rule(undefined)).toBeNull();
    expect(rule(null)).toBeNull();
    expect(rule(3)).toBe(3);
    expect(refusal(rule, 'three')).toMatch(/^rank must be an integer/);
  });
});

interface Task {
  title: string;
  body: string;
  rank?: number | null;
}
const taskRules: FieldRules<Task> = { title: fieldRule.string('title'), body: fieldRule.text('body'), rank: fieldRule.optional(fieldRule.integer('rank')) };

describe('checkFields', () => {
  it('checks every field, sets omitted optional ones to null and drops keys without a rule', () => {
    const input = { title: ' Task ', body: '', id: 'chosen-by-client', createdAt: 'yesterday' } as Task;
    expect(checkFields(taskRules, input)).toEqual({ title: 'Task', body: '', rank: null });
  });

  it('refuses a missing required field', () => {
    expect(() => checkFields(taskRules, { body: '' } as Task)).toThrow(expect.objectContaining({ status: 422, detail: 'title must be a string' }));
  });
});

describe('checkPatchFields', () => {
  it('checks the fields the patch sets, and only those; null clears an optional one', () => {
    expect(checkPatchFields(taskRules, { title: ' New ' })).toEqual({ title: 'New' });
    expect(checkPatchFields(taskRules, { rank: null, body: 'b' })).toEqual({ rank: null, body: 'b' });
  });

  it('refuses null for a required field', () => {
    expect(() => checkPatchFields(taskRules, { title: null } as unknown as Partial<Task>)).toThrow(expect.objectContaining({ status: 422, detail: 'title must be a string' }));
  });

  it('refuses a patch that changes nothing, naming what it could change', () => {
    expect(() => checkPatchFields(taskRules, {})).toThrow(expect.objectContaining({ status: 422, detail: 'patch must change title, body or rank' }));
    const noteRules: FieldRules<Pick<Task, 'title' | 'body'>> = { title: taskRules.title, body: taskRules.body };
    expect(() => checkPatchFields(noteRules, { id: 'x' } as Partial<Task>)).toThrow(expect.objectContaining({ detail: 'patch must change title or body' }));
    const titleRules: FieldRules<Pick<Task, 'title'>> = { title: taskRules.title };
    expect(() => checkPatchFields(titleRules, {})).toThrow(expect.objectContaining({ detail: 'patch must change title' }));
  });
});

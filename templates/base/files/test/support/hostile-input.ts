// fast-check arbitraries for hostile client input, shared by every API style's property tests.
// Every value they generate is one a resource service must refuse with a client error (never a 5xx):
//
//   forbiddenCharacter          one character the text rule refuses: NUL, a lone surrogate
//                               (U+D800-U+DFFF), a C0 control other than tab/LF/CR, DEL or a C1 control
//                               (U+007F-U+009F), a bidi override or isolate (U+202A-U+202E, U+2066-U+2069)
//   textWithForbiddenCharacter  ordinary text (any Unicode) with at least one forbidden character in it
//   overlongText                text longer than TEXT_MAX (so longer than STRING_MAX too), up to ~4x TEXT_MAX
//   hostileText                 either of the two above: use it for every title and body a client sends
//   BAD_CURSOR_DATES            createdAt values a cursor may decode to that JavaScript can parse but
//                               PostgreSQL cannot store, or that cursorOf never produces
//   hostileCursor               an `after` cursor the service rejects: random base64url, random text,
//                               base64url of JSON with a bad date, a bad id or the wrong shape
//   hostilePageSize             a page size (limit / first) as a number: 0, negative, over PAGE_LIMIT_MAX,
//                               fractional, NaN, +-Infinity, beyond the safe integer range
//   hostilePageSizeText         the same as text, as a query string or text protocol carries it ("-1",
//                               "1e9", "NaN", "", a 400-digit number, ...)
//   wrongTypeValue              a JSON value of the wrong type for a string field (number, boolean, null,
//                               array, object)
//   encodeCursor                base64url of the JSON of any value: for hand-written hostile cursors
import fc from 'fast-check';
import { TEXT_MAX } from '../../src/core/resources/field-rules.js';
import { PAGE_LIMIT_MAX } from '../../src/core/resources/page.js';

const char = (code: number): string => String.fromCharCode(code);

export const forbiddenCharacter: fc.Arbitrary<string> = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map(char),
  fc.integer({ min: 0x01, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d).map(char),
  fc.integer({ min: 0x7f, max: 0x9f }).map(char),
  fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
);

const isSurrogate = (c: string): boolean => c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff;

// At most one surrogate is inserted: into well-formed text that leaves an odd number of surrogates, so
// one is always unpaired (two could pair up into a valid character).
export const textWithForbiddenCharacter: fc.Arbitrary<string> = fc
  .tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(forbiddenCharacter, { minLength: 1, maxLength: 3 }), fc.nat())
  .map(([text, forbidden, at]) => {
    const firstSurrogate = forbidden.findIndex(isSurrogate);
    let out = text;
    for (const [i, c] of forbidden.entries()) {
      if (isSurrogate(c) && i !== firstSurrogate) continue;
      const position = (at + i * 7) % (out.length + 1);
      out = out.slice(0, position) + c + out.slice(position);
    }
    return out;
  });

export const overlongText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: TEXT_MAX + 1, max: TEXT_MAX * 4 }), fc.constantFrom('x', 'é', '😀', ' '))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

export const hostileText: fc.Arbitrary<string> = fc.oneof({ arbitrary: textWithForbiddenCharacter, weight: 4 }, { arbitrary: overlongText, weight: 1 });

export const BAD_CURSOR_DATES: readonly string[] = [
  '0',
  '1',
  '-1',
  '2024',
  '2024-02-30',
  '2024-02-30T00:00:00.000Z',
  '2023-02-29T00:00:00.000Z',
  '2024-13-01T00:00:00.000Z',
  '2024-01-01T24:00:00.000Z',
  '2024-01-01T23:60:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+010000-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00.000+14:00',
  'Tue, 01 Dec 2026 11:00:00 GMT',
  '2024-01-01T00:00:00.000Z\u0000',
  '',
];

const VALID_DATE = '2024-01-01T00:00:00.000Z';
const VALID_ID = '00000000-0000-4000-8000-000000000000';

export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value) ?? 'undefined').toString('base64url');

const badId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(''),
  textWithForbiddenCharacter,
  fc.integer({ min: 129, max: 2000 }).map((n) => 'a'.repeat(n)),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);

export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const badCursorShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant([]),
  fc.constant([VALID_DATE]),
  fc.constant({ createdAt: VALID_DATE, id: VALID_ID }),
  fc.tuple(wrongTypeValue, fc.constant(VALID_ID)),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant([[VALID_DATE, VALID_ID]]),
);

export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  // Random bytes: almost never JSON; when they are, almost never a [date, id] pair.
  fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes).toString('base64url')).filter((c) => c.length > 0),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  fc.tuple(fc.constantFrom(...BAD_CURSOR_DATES), fc.constant(VALID_ID)).map(encodeCursor),
  fc.tuple(fc.constant(VALID_DATE), badId).map(encodeCursor),
  badCursorShape.map(encodeCursor),
);

export const hostilePageSize: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, PAGE_LIMIT_MAX + 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, 2 ** 53, -(2 ** 53)),
  fc.integer({ max: 0 }),
  fc.integer({ min: PAGE_LIMIT_MAX + 1 }),
  fc.double({ min: 0, max: PAGE_LIMIT_MAX + 1, noNaN: true }).filter((n) => !Number.isInteger(n)),
);

export const hostilePageSizeText: fc.Arbitrary<string> = fc.oneof(
  hostilePageSize.map(String),
  // Only text no lenient number parser reads as 1-PAGE_LIMIT_MAX (" 5", "0x10", "1e1" would be 5, 16, 10).
  fc.constantFrom('', ' ', '1e9', '+-1', 'NaN', 'abc', '1,2', '.5', '5.5', '9'.repeat(400), '\u0000', '١٠', '[5]', '{"a":5}'),
);

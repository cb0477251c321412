// The TypeBox schemas every resource's routes share: list query, page, problem details, conditional-GET
// headers. Each resource's own shapes are in src/features/<resource>/rest-schemas.ts.
import { Type, type TSchema } from 'typebox';
import { CURSOR_MAX, CURSOR_PATTERN } from '../../core/resources/cursor.js';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../core/resources/page.js';

export const ListQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })),
  after: Type.Optional(Type.String({ pattern: CURSOR_PATTERN, maxLength: CURSOR_MAX, description: 'nextCursor from the previous page' })),
});

/** One page of a list: the records, oldest first, and the cursor of the next page (null on the last). */
export const pageOf = <T extends TSchema>(record: T) =>
  Type.Object({ items: Type.Array(record), nextCursor: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json)' },
);

export const IfNoneMatchHeaders = Type.Object({ 'if-none-match': Type.Optional(Type.String()) });

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'Write only if the record still has one of these ETags ("*": if it exists); 412 otherwise' })),
});

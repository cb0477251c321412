// One TypeBox schema per shape: drives validation, serialization and the OpenAPI document.
import { Type, type Static } from 'typebox';
import { BODY_MAX, CURSOR_MAX, CURSOR_PATTERN, ID_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, TEXT_PATTERN, TITLE_MAX } from '../../features/notes/index.js';

// The notes service applies the same text rule for every API style; here it is a 400 naming the field.
const text = { pattern: TEXT_PATTERN, description: 'No control characters (tab, LF and CR allowed), bidi overrides or unpaired surrogates' };

export const NoteSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    body: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, description: 'A note' },
);

export const NoteInputSchema = Type.Object(
  {
    title: Type.String({ ...text, minLength: 1, maxLength: TITLE_MAX }),
    body: Type.String({ ...text, maxLength: BODY_MAX }),
  },
  { additionalProperties: false },
);

export const NotePatchSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ ...text, minLength: 1, maxLength: TITLE_MAX })),
    body: Type.Optional(Type.String({ ...text, maxLength: BODY_MAX })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const NoteParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: ID_MAX }) });

export const ListQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })),
  after: Type.Optional(Type.String({ pattern: CURSOR_PATTERN, maxLength: CURSOR_MAX, description: 'nextCursor from the previous page' })),
});

export const NotePageSchema = Type.Object(
  { items: Type.Array(NoteSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

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

export type NoteInputBody = Static<typeof NoteInputSchema>;

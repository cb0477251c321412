// One TypeBox schema per field type, the REST form of the field rules in core/resources/field-rules.ts:
// a body that breaks them is a 400 naming the field before the service sees it. Each resource's
// rest-schemas.ts builds its record, input and patch from these.
import { Type } from 'typebox';
import { ID_MAX } from '../../core/resources/cursor.js';
import { INT32_MAX, INT32_MIN, STRING_MAX, TEXT_MAX } from '../../core/resources/field-rules.js';
import { TEXT_PATTERN } from '../../core/resources/text-rule.js';

// The service applies the same text rule for every API style (422); here it is a 400 naming the field.
const textRule = { pattern: TEXT_PATTERN, description: 'No control characters (tab, LF and CR allowed), bidi overrides or unpaired surrogates' };

export const field = {
  /** Trimmed by the service, which refuses it blank (422). */
  string: () => Type.String({ ...textRule, minLength: 1, maxLength: STRING_MAX }),
  text: () => Type.String({ ...textRule, maxLength: TEXT_MAX }),
  integer: () => Type.Integer({ minimum: INT32_MIN, maximum: INT32_MAX }),
  number: () => Type.Number(),
  boolean: () => Type.Boolean(),
  /** RFC 3339 with an offset; records carry it as toISOString() gives it (UTC, milliseconds). */
  datetime: () => Type.String({ format: 'date-time' }),
  uuid: () => Type.String({ format: 'uuid' }),
  enum: <const Values extends string[]>(values: readonly [...Values]) => Type.Enum(values, { type: 'string' }),
  /** A record id as the stores make them: the API promises no format, only that it is short. */
  id: () => Type.String({ minLength: 1, maxLength: ID_MAX }),
  /** The id of a record of another resource, which must exist (422 otherwise). */
  ref: (target: string) => Type.String({ minLength: 1, maxLength: ID_MAX, description: `The id of the ${target} it belongs to` }),
};

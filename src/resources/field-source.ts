// What the SQL stores' resource templates share of each field, as TypeScript source.
import type { FieldView } from './view.js';

/** The literal of each edge value a column must store exactly (the repository tests; refs have none). */
const EDGE_SAMPLES: Record<Exclude<FieldView['type'], 'enum' | 'ref'>, string> = {
  string: "'Ünïcödé 🎉'.repeat(20)", // STRING_MAX UTF-16 units, some outside the BMP (4 bytes in utf8mb4)
  text: "'🎉'.repeat(5000)", // TEXT_MAX UTF-16 units, 20 000 bytes of UTF-8
  integer: '-2_147_483_648',
  number: '0.30000000000000004',
  boolean: 'false',
  datetime: "'0001-01-01T00:00:00.000Z'",
  uuid: "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
};

/** The edge value of a field for its store's repository test: an enum's last value, none for a ref. */
export function edgeSample(field: FieldView): string | undefined {
  if (field.type === 'ref') return undefined;
  return field.type === 'enum' ? `'${field.values.at(-1)}'` : EDGE_SAMPLES[field.type];
}

/** `builder('column_name', options)` with `.notNull()` unless the field is optional: a drizzle column. */
export function drizzleColumn(builder: string, field: FieldView, options?: string): string {
  return `${builder}('${field.keySnake}'${options ? `, ${options}` : ''})${field.optional ? '' : '.notNull()'}`;
}

/** An enum field's values as an array literal: `['draft', 'sent']`. */
export function enumLiteral(field: FieldView): string {
  return `[${field.values.map((value) => `'${value}'`).join(', ')}]`;
}

// What every SQL store's table of a resource holds, before a dialect spells it for its snapshot: the
// id, the fields, the two timestamps, the keyset index of list pages, an index and a foreign key
// (RESTRICT on delete) per reference. The table templates of each store declare the same.
import type { DrizzleForeignKey } from './drizzle-migration.js';
import type { FieldType } from './fields.js';
import { resourceNames } from './names.js';
import type { ResourceSpec } from './resource.js';
import { fieldView } from './view.js';

export interface OutlineColumn {
  name: string;
  /** The id is a uuid and the timestamps are datetimes, in the dialects' column maps. */
  type: FieldType;
  notNull: boolean;
  role: 'id' | 'field' | 'timestamp';
}

export interface TableOutline {
  name: string;
  columns: OutlineColumn[];
  indexes: { name: string; columns: string[] }[];
  foreignKeys: DrizzleForeignKey[];
}

/** Index and foreign key names; MySQL shortens those past its 64 characters. */
export interface OutlineNames {
  createdIndex(table: string): string;
  refIndex(table: string, column: string): string;
  foreignKey(table: string, column: string, target: string): string;
}

/** drizzle-orm's default names, which drizzle-kit records. */
export const DRIZZLE_NAMES: OutlineNames = {
  createdIndex: (table) => `${table}_created_at_id_idx`,
  refIndex: (table, column) => `${table}_${column}_idx`,
  foreignKey: (table, column, target) => `${table}_${column}_${target}_id_fk`,
};

export function tableOutline(resource: ResourceSpec, names: OutlineNames = DRIZZLE_NAMES): TableOutline {
  const table = resourceNames(resource.name).pluralSnake;
  const fields = resource.fields.map(fieldView);
  const refs = fields.filter((field) => field.ref !== undefined);
  return {
    name: table,
    columns: [
      { name: 'id', type: 'uuid', notNull: true, role: 'id' },
      ...fields.map((field): OutlineColumn => ({ name: field.keySnake, type: field.type, notNull: field.required, role: 'field' })),
      { name: 'created_at', type: 'datetime', notNull: true, role: 'timestamp' },
      { name: 'updated_at', type: 'datetime', notNull: true, role: 'timestamp' },
    ],
    indexes: [
      { name: names.createdIndex(table), columns: ['created_at', 'id'] },
      ...refs.map((field) => ({ name: names.refIndex(table, field.keySnake), columns: [field.keySnake] })),
    ],
    foreignKeys: refs.map((field) => {
      const target = field.ref!.pluralSnake;
      return {
        name: names.foreignKey(table, field.keySnake, target),
        tableFrom: table,
        tableTo: target,
        columnsFrom: [field.keySnake],
        columnsTo: ['id'],
        onDelete: 'restrict',
        onUpdate: 'no action',
      };
    }),
  };
}

import { SQLITE_COLUMNS, sqliteDialect } from '../../../src/resources/sqlite-migration.js';
import { drizzleColumn, edgeSample, enumLiteral } from '../../../src/resources/field-source.js';
import type { FieldView, ResourceView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

/**
 * What the sqlite templates need of each field, as TypeScript source: the drizzle column (without a
 * reference's `.references()`, which the table template adds), and the expression that turns a create
 * input into a column value. Every value is stored as the record has it: datetimes as ISO strings.
 */
function resourceFields(field: FieldView): Record<string, unknown> {
  const { key, optional } = field;
  const { builder, options: columnOptions } = SQLITE_COLUMNS[field.type];
  const options = field.is.enum ? `{ enum: ${enumLiteral(field)} }` : columnOptions;
  return {
    column: drizzleColumn(builder, field, options),
    fromInput: optional ? `input.${key} ?? null` : `input.${key}`,
    edgeSample: edgeSample(field),
  };
}

/** The table's imports, and each reference's target (one import per target table). */
function resourceExtras(resource: ResourceView): Record<string, unknown> {
  const builders = resource.fields.map((field) => SQLITE_COLUMNS[field.type].builder);
  const imports = new Set(['index', 'sqliteTable', 'text', ...builders]);
  return {
    sqliteImports: [...(resource.hasRefs ? ['type AnySQLiteColumn'] : []), ...[...imports].sort()].join(', '),
  };
}

export default defineModule({
  id: 'db/sqlite',
  title: 'SQLite',
  dependencies: ['better-sqlite3', 'drizzle-orm'],
  devDependencies: ['@types/better-sqlite3', 'drizzle-kit'],
  // better-sqlite3's package carries prebuilt binaries for Linux (glibc, musl), macOS and Windows on x64
  // and arm64: nothing to compile (its inferred `node-gyp rebuild` would need a C++ toolchain).
  allowScripts: { 'better-sqlite3': false },
  scripts: {
    'db:migrate': 'node --env-file-if-exists=.env dist/modules/db-sqlite/migrate.js',
    'db:generate': 'drizzle-kit generate --config drizzle.sqlite.config.ts',
  },
  fills: 'Repositories',
  migrations: sqliteDialect,
  resourceFields,
  resourceExtras,
  env: [
    {
      name: 'SQLITE_PATH',
      type: 'string',
      doc: 'SQLite database file, migrated at start; unset = .data/app.db (:memory: in tests); :memory: keeps nothing',
      example: '.data/app.db',
    },
    {
      name: 'SQLITE_BUSY_TIMEOUT_MS',
      type: 'integer',
      min: 0,
      default: 1000,
      doc: "How long a write waits for another process's lock on the file before failing with 503; the event loop waits with it",
    },
  ],
  // The database file lives in .data/ (a volume in docker compose).
  dataDirs: [{ path: '.data', volume: 'sqlitedata' }],
  // SQL migrations, applied at start and by `node dist/modules/db-sqlite/migrate.js`.
  runtimeFiles: ['drizzle/sqlite'],
  register: { name: 'dbSqlite', from: './modules/db-sqlite/index.js' },
});

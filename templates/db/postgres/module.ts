import { POSTGRES_COLUMNS, postgresDialect } from '../../../src/resources/postgres-migration.js';
import { drizzleColumn, edgeSample, enumLiteral } from '../../../src/resources/field-source.js';
import type { FieldView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

// Timestamps are ISO strings both ways (mode 'string'; see timestamps.ts), in ms like the records' createdAt.
const TIMESTAMP_OPTIONS = "{ withTimezone: true, precision: 3, mode: 'string' }";

/**
 * What the postgres templates need of each field, as TypeScript source: the drizzle column (built
 * from pgTable's column builders `t`, without a reference's `.references()`, which the table template
 * adds; POSTGRES_COLUMNS is what the migrations record for it), and
 * the expressions that turn a row into a record value and a create input into a column value.
 */
function resourceFields(field: FieldView): Record<string, unknown> {
  const { key, optional } = field;
  const options = field.is.datetime ? TIMESTAMP_OPTIONS : field.is.enum ? `{ enum: ${enumLiteral(field)} }` : undefined;
  const fromTimestamp = optional ? `row.${key} === null ? null : isoFromTimestamptz(row.${key})` : `isoFromTimestamptz(row.${key})`;
  return {
    column: drizzleColumn(`t.${POSTGRES_COLUMNS[field.type].builder}`, field, options),
    fromRow: field.is.datetime ? fromTimestamp : `row.${key}`,
    fromInput: optional ? `input.${key} ?? null` : `input.${key}`,
    edgeSample: edgeSample(field),
  };
}

export default defineModule({
  id: 'db/postgres',
  title: 'PostgreSQL',
  dependencies: ['@electric-sql/pglite', '@opentelemetry/instrumentation-pg', 'drizzle-orm', 'pg'],
  // A span per query inside a request (pg only: PGlite has no instrumentation); the SQL text, never its values.
  instrumentations: [{ module: 'pg', from: '@opentelemetry/instrumentation-pg', name: 'PgInstrumentation', options: '{ requireParentSpan: true }', test: { variable: 'TEST_DATABASE_URL', support: './postgres.js', system: 'postgresql' } }],
  devDependencies: ['@types/pg', 'drizzle-kit'],
  scripts: {
    'db:migrate': 'node --env-file-if-exists=.env dist/modules/db-postgres/migrate.js',
    'db:generate': 'drizzle-kit generate',
  },
  fills: 'Repositories',
  migrations: postgresDialect,
  resourceFields,
  env: [
    { name: 'DATABASE_URL', type: 'url', secret: true, doc: 'PostgreSQL URL; unset = embedded PGlite (see PGLITE_DATA_DIR)', example: 'postgres://postgres:postgres@127.0.0.1:5432/app' },
    { name: 'DATABASE_POOL_MAX', type: 'integer', min: 1, default: 10, doc: 'Maximum PostgreSQL connections per process' },
    { name: 'DATABASE_STATEMENT_TIMEOUT_MS', type: 'integer', min: 100, default: 5000, doc: 'Per-statement timeout (server side, plus 1 s client side)' },
    { name: 'PGLITE_DATA_DIR', type: 'string', doc: 'Embedded PGlite data directory when DATABASE_URL is unset; unset = .data/pglite (memory:// in tests)', example: 'memory://' },
    { name: 'PGLITE_IMAGE', type: 'string', doc: 'A PGlite data dir dumped as a tarball that a new embedded database starts from (migrations still run); the tests start every app from one migrated image' },
  ],
  services: {
    postgres: {
      image: 'postgres:17-alpine',
      ports: ['5432:5432'],
      environment: { POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'app' },
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres -d app'], interval: '5s', timeout: '3s', retries: 10 },
      volumes: ['pgdata:/var/lib/postgresql/data'],
    },
    // One-shot: applies drizzle/ migrations, then exits.
    migrate: {
      build: '.',
      command: ['node', 'dist/modules/db-postgres/migrate.js'],
      environment: { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/app' },
      depends_on: { postgres: { condition: 'service_healthy' } },
    },
  },
  // SQL migrations, applied by `node dist/modules/db-postgres/migrate.js` and by embedded PGlite at start.
  runtimeFiles: ['drizzle'],
  testGlobalSetup: ['test/support/pglite-image.ts'],
  volumes: ['pgdata'],
  appDependsOn: { migrate: 'service_completed_successfully' },
  appEnvironment: { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/app' },
  register: { name: 'dbPostgres', from: './modules/db-postgres/index.js' },
});

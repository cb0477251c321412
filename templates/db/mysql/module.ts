import { MYSQL_COLUMNS, mysqlDialect, mysqlNames } from '../../../src/resources/mysql-migration.js';
import { drizzleColumn, edgeSample, enumLiteral } from '../../../src/resources/field-source.js';
import type { FieldView, ResourceView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

/**
 * What the mysql templates need of each field, as TypeScript source: the drizzle column (without a
 * reference's foreign key, which the table template declares by name), and the expressions that turn a
 * row into a record value, and a create input or a patch value into a column value. DATETIME(3) is
 * read and written as text (timestamps.ts).
 */
function resourceFields(field: FieldView): Record<string, unknown> {
  const { key, optional } = field;
  const { builder, options: columnOptions } = MYSQL_COLUMNS[field.type];
  // An enum's values type the column (the service checks them; the column is a plain VARCHAR).
  const options = field.is.enum ? columnOptions!.replace(/ }$/, `, enum: ${enumLiteral(field)} }`) : columnOptions;
  /** `value` as the column takes it: DATETIME(3) as text; null stays null. */
  const toColumn = (value: string, orNull: boolean) => (!field.is.datetime ? value : orNull ? `${value} == null ? null : datetimeFromIso(${value})` : `datetimeFromIso(${value})`);
  return {
    column: drizzleColumn(builder, field, options),
    fromRow: field.is.datetime ? (optional ? `row.${key} === null ? null : isoFromDatetime(row.${key})` : `isoFromDatetime(row.${key})`) : `row.${key}`,
    fromInput: optional && !field.is.datetime ? `input.${key} ?? null` : toColumn(`input.${key}`, optional),
    recordFromInput: optional ? `input.${key} ?? null` : `input.${key}`,
    fromPatch: toColumn(`patch.${key}`, optional),
    edgeSample: edgeSample(field),
  };
}

/** The table's imports, and its index and foreign key names within MySQL's 64 characters (the migrations use the same names). */
function resourceExtras(resource: ResourceView): Record<string, unknown> {
  const table = resource.pluralSnake;
  const builders = resource.fields.map((field) => MYSQL_COLUMNS[field.type].builder);
  const imports = new Set(['char', 'datetime', 'index', 'mysqlTable', ...builders, ...(resource.hasRefs ? ['foreignKey'] : [])]);
  return {
    mysqlImports: [...imports].sort().join(', '),
    mysqlCreatedIndex: mysqlNames.createdIndex(table),
    mysqlRefs: resource.refs.map((field) => ({
      key: field.key,
      name: field.name,
      index: mysqlNames.refIndex(table, field.keySnake),
      foreignKey: mysqlNames.foreignKey(table, field.keySnake, field.ref!.pluralSnake),
      self: field.ref!.plural === resource.plural,
      target: field.ref!.plural,
      targetKebab: field.ref!.pluralKebab,
    })),
  };
}

export default defineModule({
  id: 'db/mysql',
  title: 'MySQL',
  dependencies: ['@opentelemetry/instrumentation-mysql2', 'drizzle-orm', 'mysql2'],
  // A span per query: the SQL text, never its values. It has no requireParentSpan: queries outside a request
  // (db:migrate) start their own trace; readiness checks run with tracing suppressed (core/health.ts).
  instrumentations: [{ module: 'mysql2', from: '@opentelemetry/instrumentation-mysql2', name: 'MySQL2Instrumentation', test: { variable: 'TEST_MYSQL_URL', support: './mysql.js', system: 'mysql' } }],
  devDependencies: ['drizzle-kit'],
  scripts: {
    'db:migrate': 'node --env-file-if-exists=.env dist/modules/db-mysql/migrate.js',
    'db:generate': 'drizzle-kit generate --config drizzle.mysql.config.ts',
  },
  fills: 'Repositories',
  migrations: mysqlDialect,
  resourceFields,
  resourceExtras,
  env: [
    {
      name: 'MYSQL_URL',
      type: 'url',
      secret: true,
      doc: 'MySQL 8 / MariaDB 10.11+ URL; unset = records in memory in development and tests (production refuses to start); memory:// = in memory on purpose',
      example: 'mysql://root:mysql@127.0.0.1:3306/app',
    },
    { name: 'MYSQL_POOL_MAX', type: 'integer', min: 1, default: 10, doc: 'Maximum MySQL connections per process' },
    { name: 'MYSQL_QUERY_TIMEOUT_MS', type: 'integer', min: 100, default: 5000, doc: 'Per-query timeout, client side: a query still running then fails and its connection is closed' },
  ],
  services: {
    mysql: {
      image: 'mysql:8.4',
      ports: ['3306:3306'],
      environment: { MYSQL_ROOT_PASSWORD: 'mysql', MYSQL_DATABASE: 'app' },
      healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '-uroot', '-pmysql'], interval: '5s', timeout: '3s', retries: 20, start_period: '20s' },
      volumes: ['mysqldata:/var/lib/mysql'],
    },
    // One-shot: applies drizzle/mysql/ migrations, then exits.
    'migrate-mysql': {
      build: '.',
      command: ['node', 'dist/modules/db-mysql/migrate.js'],
      environment: { MYSQL_URL: 'mysql://root:mysql@mysql:3306/app' },
      depends_on: { mysql: { condition: 'service_healthy' } },
    },
  },
  // SQL migrations, applied by `node dist/modules/db-mysql/migrate.js`.
  runtimeFiles: ['drizzle/mysql'],
  volumes: ['mysqldata'],
  appDependsOn: { 'migrate-mysql': 'service_completed_successfully' },
  appEnvironment: { MYSQL_URL: 'mysql://root:mysql@mysql:3306/app' },
  register: { name: 'dbMysql', from: './modules/db-mysql/index.js' },
});

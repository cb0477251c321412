import { defineModule } from '../../define.js';

export default defineModule({
  id: 'db/postgres',
  title: 'PostgreSQL',
  dependencies: ['@electric-sql/pglite', 'drizzle-orm', 'pg'],
  devDependencies: ['@types/pg', 'drizzle-kit'],
  scripts: {
    'db:migrate': 'node --env-file-if-exists=.env dist/modules/db-postgres/migrate.js',
    'db:generate': 'drizzle-kit generate',
  },
  fills: 'NotesRepository',
  env: [
    { name: 'DATABASE_URL', type: 'url', secret: true, doc: 'PostgreSQL URL; unset = embedded PGlite (see PGLITE_DATA_DIR)', example: 'postgres://postgres:postgres@127.0.0.1:5432/app' },
    { name: 'DATABASE_POOL_MAX', type: 'integer', min: 1, default: 10, doc: 'Maximum PostgreSQL connections per process' },
    { name: 'DATABASE_STATEMENT_TIMEOUT_MS', type: 'integer', min: 100, default: 5000, doc: 'Per-statement timeout (server side, plus 1 s client side)' },
    { name: 'PGLITE_DATA_DIR', type: 'string', doc: 'Embedded PGlite data directory when DATABASE_URL is unset; unset = .data/pglite (memory:// in tests)', example: 'memory://' },
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
  volumes: ['pgdata'],
  appDependsOn: { migrate: 'service_completed_successfully' },
  appEnvironment: { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/app' },
  register: { name: 'dbPostgres', from: './modules/db-postgres/index.js' },
});

import { defineModule } from '../../define.js';

export default defineModule({
  id: 'db/postgres',
  title: 'PostgreSQL',
  dependencies: ['drizzle-orm', 'pg', '@electric-sql/pglite'],
  devDependencies: ['drizzle-kit', '@types/pg'],
  scripts: { 'db:migrate': 'node --env-file-if-exists=.env dist/modules/db-postgres/migrate.js', 'db:generate': 'drizzle-kit generate' },
  fills: 'NotesRepository',
  env: [
    { name: 'DATABASE_URL', type: 'url', secret: true, doc: 'PostgreSQL URL; unset = embedded PGlite in PGLITE_DATA_DIR', example: 'postgres://postgres:postgres@127.0.0.1:5432/app' },
    { name: 'PGLITE_DATA_DIR', type: 'string', default: '.data/pglite', doc: 'Embedded PGlite data directory (memory:// for in-memory)' },
  ],
  services: {
    postgres: {
      image: 'postgres:17-alpine',
      ports: ['5432:5432'],
      environment: { POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'app' },
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '5s', timeout: '3s', retries: 10 },
      volumes: ['pgdata:/var/lib/postgresql/data'],
    },
  },
  volumes: ['pgdata'],
  appEnvironment: { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/app' },
  register: { name: 'dbPostgres', from: './modules/db-postgres/index.js' },
});

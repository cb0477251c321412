// The single source of truth for what a user can choose. The wizard, the flag parser, --help,
// `list`, validation and the combination tests all read this table.
import type { Category, ModuleManifest } from './types.js';
import base from '../../templates/base/module.js';
import connectionRedis from '../../templates/connection/redis/module.js';
import apiRest from '../../templates/api/rest/module.js';
import apiWebsocket from '../../templates/api/websocket/module.js';
import apiGraphql from '../../templates/api/graphql/module.js';
import apiGrpc from '../../templates/api/grpc/module.js';
import transportWebsocket from '../../templates/transport/websocket/module.js';
import dbPostgres from '../../templates/db/postgres/module.js';
import dbMysql from '../../templates/db/mysql/module.js';
import dbSqlite from '../../templates/db/sqlite/module.js';
import dbNone from '../../templates/db/none/module.js';
import cacheMemory from '../../templates/cache/memory/module.js';
import cacheRedis from '../../templates/cache/redis/module.js';
import cacheNone from '../../templates/cache/none/module.js';
import authJwt from '../../templates/auth/jwt/module.js';
import authNone from '../../templates/auth/none/module.js';
import queueBullmq from '../../templates/queue/bullmq/module.js';
import queueNone from '../../templates/queue/none/module.js';

export const categories: readonly Category[] = [
  {
    id: 'api',
    question: 'Which API styles should the service expose?',
    multiple: true,
    defaults: ['rest'],
    options: [
      { id: 'rest', label: 'REST', hint: 'OpenAPI 3.1, problem+json, ETags', manifest: apiRest },
      { id: 'graphql', label: 'GraphQL', hint: 'mercurius at /graphql, subscriptions over graphql-ws', manifest: apiGraphql },
      { id: 'grpc', label: 'gRPC', hint: 'a service per resource on GRPC_PORT, with health and reflection', manifest: apiGrpc },
      { id: 'websocket', label: 'WebSocket', hint: 'live resource events at /ws; across instances when Redis is in the stack', manifest: apiWebsocket },
    ],
  },
  {
    id: 'db',
    question: 'Which database?',
    multiple: false,
    defaults: ['postgres'],
    options: [
      { id: 'postgres', label: 'PostgreSQL', hint: 'drizzle; embedded PGlite until DATABASE_URL is set', manifest: dbPostgres },
      { id: 'mysql', label: 'MySQL / MariaDB', hint: 'drizzle + mysql2; records in memory until MYSQL_URL is set', manifest: dbMysql },
      { id: 'sqlite', label: 'SQLite', hint: 'drizzle + better-sqlite3; a file in .data/, nothing to run', manifest: dbSqlite },
      { id: 'none', label: 'None', hint: 'records kept in memory (lost on restart)', manifest: dbNone },
    ],
  },
  {
    id: 'cache',
    question: 'Which cache?',
    multiple: false,
    defaults: ['memory'],
    options: [
      { id: 'memory', label: 'In-memory', hint: 'LRU per process', manifest: cacheMemory },
      { id: 'redis', label: 'Redis', hint: 'shared; in-process fallback until REDIS_URL is set', manifest: cacheRedis },
      { id: 'none', label: 'None', hint: 'every read goes to the database', manifest: cacheNone },
    ],
  },
  {
    id: 'auth',
    question: 'How are callers authenticated?',
    multiple: false,
    defaults: ['jwt'],
    options: [
      { id: 'jwt', label: 'JWT bearer', hint: 'jose; JWKS in production, dev secret locally', manifest: authJwt },
      { id: 'none', label: 'None', hint: 'open API', manifest: authNone },
    ],
  },
  {
    id: 'queue',
    question: 'Background job queue?',
    multiple: false,
    defaults: ['none'],
    options: [
      { id: 'bullmq', label: 'BullMQ', hint: 'Redis-backed worker; in-process until REDIS_URL is set', manifest: queueBullmq },
      { id: 'none', label: 'None', hint: 'no background jobs', manifest: queueNone },
    ],
  },
];

/** Modules that no question selects: always present, or brought in by `requires`. */
export const internalModules: readonly ModuleManifest[] = [base, connectionRedis, transportWebsocket];

// Stacks more than one end-to-end test names.
import type { Stack } from '../../src/catalog/types.js';

/** Every API style on PostgreSQL with Redis, JWT and a queue: booted twice by full-stack.test.ts, and the covering set's first stack, whose run has its own suite pass. */
export const FULL_STACK: Stack = { api: ['rest', 'graphql', 'grpc', 'websocket'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };

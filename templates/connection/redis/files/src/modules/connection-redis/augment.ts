import type { Redis } from 'ioredis';

declare module '../../core/context.js' {
  interface Connections {
    /** Set by connection-redis when REDIS_URL is set; undefined = use in-process fallbacks. */
    redis?: Redis;
  }
}

// How long a client may take and how big a request head may be, for every HTTP server of the process.
import type { ServerOptions } from 'node:http';
import type { Config } from './config.js';

export type ServerLimitsConfig = Pick<
  Config,
  'REQUEST_TIMEOUT_MS' | 'HEADERS_TIMEOUT_MS' | 'KEEP_ALIVE_TIMEOUT_MS' | 'CONNECTION_TIMEOUT_MS' | 'MAX_HEADER_BYTES'
>;

/** Node checks the request and headers timeouts on an interval (default 30 s), late by up to that much. */
const MAX_TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Fastify's timeout options and the Node server options it passes through (`http`); loadAppConfig checked them. */
export function serverLimits(config: ServerLimitsConfig): {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  const { REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, CONNECTION_TIMEOUT_MS, MAX_HEADER_BYTES } = config;
  return {
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    http: {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      maxHeaderSize: MAX_HEADER_BYTES,
      connectionsCheckingInterval: Math.min(MAX_TIMEOUT_CHECK_INTERVAL_MS, HEADERS_TIMEOUT_MS),
    },
  };
}

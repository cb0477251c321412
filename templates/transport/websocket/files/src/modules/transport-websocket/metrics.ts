import { Counter, Gauge, type Registry } from 'prom-client';

/** Why a connection ended: the label of websocket_disconnects_total. */
export type DisconnectReason =
  | 'client'
  | 'shutdown'
  | 'heartbeat_timeout'
  | 'slow_consumer'
  | 'rate_limited'
  | 'message_too_big'
  | 'protocol_error'
  | 'error';

/** Every series carries the endpoint (the path upgraded: /ws, /graphql), so protocols stay apart. */
export interface WebSocketMetrics {
  received: Counter<'endpoint' | 'type' | 'outcome'>;
  sent: Counter<'endpoint' | 'type'>;
  disconnects: Counter<'endpoint' | 'reason'>;
}

/** `websocket_connections` is read from the server on every scrape; the counters are updated as things happen. */
export function registerWebSocketMetrics(registry: Registry, openConnections: () => ReadonlyMap<string, number>): WebSocketMetrics {
  new Gauge({
    name: 'websocket_connections',
    help: 'Open WebSocket connections by endpoint',
    labelNames: ['endpoint'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [endpoint, count] of openConnections()) this.set({ endpoint }, count);
    },
  });
  return {
    received: new Counter({
      name: 'websocket_messages_received_total',
      help: 'Client messages by endpoint, type and outcome (ok, error, rate_limited)',
      labelNames: ['endpoint', 'type', 'outcome'] as const,
      registers: [registry],
    }),
    sent: new Counter({
      name: 'websocket_messages_sent_total',
      help: 'Messages sent to clients by endpoint and type',
      labelNames: ['endpoint', 'type'] as const,
      registers: [registry],
    }),
    disconnects: new Counter({
      name: 'websocket_disconnects_total',
      help: 'Closed WebSocket connections by endpoint and reason',
      labelNames: ['endpoint', 'reason'] as const,
      registers: [registry],
    }),
  };
}

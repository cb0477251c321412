import { Counter, Gauge, type Registry } from 'prom-client';

/** Why a connection ended: the label of websocket_disconnects_total. */
export type DisconnectReason = 'client' | 'shutdown' | 'heartbeat_timeout' | 'slow_consumer' | 'rate_limited' | 'message_too_big' | 'error';

export interface WebSocketMetrics {
  received: Counter<'type' | 'outcome'>;
  sent: Counter<'type'>;
  disconnects: Counter<'reason'>;
}

/** `websocket_connections` is read from the server on every scrape; the counters are updated as things happen. */
export function registerWebSocketMetrics(registry: Registry, openConnections: () => number): WebSocketMetrics {
  new Gauge({
    name: 'websocket_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
    collect() {
      this.set(openConnections());
    },
  });
  return {
    received: new Counter({
      name: 'websocket_messages_received_total',
      help: 'Client messages by type and outcome (ok, error, rate_limited)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    sent: new Counter({ name: 'websocket_messages_sent_total', help: 'Messages sent to clients by type', labelNames: ['type'] as const, registers: [registry] }),
    disconnects: new Counter({
      name: 'websocket_disconnects_total',
      help: 'Closed WebSocket connections by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}

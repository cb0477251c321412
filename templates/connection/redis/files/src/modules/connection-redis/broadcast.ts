import type { Redis } from 'ioredis';
import type { Broadcast } from '../../core/ports.js';
import { closeRedis } from './client.js';

type Listener = (message: string) => void;

export interface RedisBroadcast extends Broadcast {
  close(): Promise<void>;
}

/**
 * Redis pub/sub: at most once, like Redis itself. Messages published while an instance is disconnected
 * are not replayed to it (ioredis resubscribes on reconnect). The subscriber connection (a connection in
 * subscribe mode can run no other command) is opened by the first subscribe, so apps that only publish
 * or never use the broadcast hold one connection, not two.
 */
export function createRedisBroadcast(publisher: Redis, openSubscriber: () => Redis, keyPrefix: string): RedisBroadcast {
  const channels = new Map<string, Set<Listener>>();
  let subscriber: Redis | undefined;
  const redisChannel = (channel: string) => `${keyPrefix}broadcast:${channel}`;

  const connection = (): Redis => {
    if (subscriber) return subscriber;
    subscriber = openSubscriber();
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of channels.get(channel) ?? []) listener(message);
    });
    return subscriber;
  };

  return {
    kind: 'redis',
    async publish(channel, message) {
      await publisher.publish(redisChannel(channel), message);
    },
    async subscribe(channel, listener) {
      const name = redisChannel(channel);
      let listeners = channels.get(name);
      if (!listeners) {
        listeners = new Set();
        channels.set(name, listeners);
        await connection().subscribe(name);
      }
      const entry: Listener = (message) => listener(message);
      listeners.add(entry);
      return async () => {
        listeners.delete(entry);
        if (listeners.size > 0 || channels.get(name) !== listeners) return;
        channels.delete(name);
        if (subscriber?.status === 'ready') await subscriber.unsubscribe(name).catch(() => undefined);
      };
    },
    async close() {
      channels.clear();
      if (subscriber) await closeRedis(subscriber);
    },
  };
}

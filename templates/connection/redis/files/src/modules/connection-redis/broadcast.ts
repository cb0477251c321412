import type { Redis } from 'ioredis';
import { ChannelListeners } from '../../core/broadcast.js';
import type { Broadcast } from '../../core/ports.js';
import { closeRedis } from './client.js';

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
  const listeners = new ChannelListeners();
  let subscriber: Redis | undefined;
  const redisChannel = (channel: string) => `${keyPrefix}broadcast:${channel}`;

  const connection = (): Redis => {
    if (subscriber) return subscriber;
    subscriber = openSubscriber();
    subscriber.on('message', (channel: string, message: string) => listeners.deliver(channel, message));
    return subscriber;
  };

  return {
    kind: 'redis',
    async publish(channel, message) {
      await publisher.publish(redisChannel(channel), message);
    },
    async subscribe(channel, listener) {
      const name = redisChannel(channel);
      const { first, remove } = listeners.add(name, listener);
      if (first) await connection().subscribe(name);
      return async () => {
        if (remove() && subscriber?.status === 'ready') await subscriber.unsubscribe(name).catch(() => undefined);
      };
    },
    async close() {
      listeners.clear();
      if (subscriber) await closeRedis(subscriber);
    },
  };
}

// The core's default for every port no module decorated: no cache, nobody authenticated, rate-limit
// counters and broadcasts in this process. Then the resources' change feeds over the Broadcast.
// src/modules.ts registers it after the adapters, so its onClose hooks run before theirs.
import fp from 'fastify-plugin';
import { LocalBroadcast } from './broadcast.js';
import type { AppModule, ModuleOptions } from './context.js';
import type { Authenticator, Cache } from './ports.js';
import { MemoryRateLimitStore } from './rate-limit.js';
import { createResourceFeeds } from './resources/resource-feed.js';

export const noopCache: Cache = {
  kind: 'none',
  async get() {
    return undefined;
  },
  async set() {},
  async delete() {},
};

export const anonymousAuthenticator: Authenticator = {
  required: false,
  async authenticate() {
    return undefined;
  },
};

export default {
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      if (!app.hasDecorator('cache')) app.decorate('cache', noopCache);
      if (!app.hasDecorator('authenticator')) app.decorate('authenticator', anonymousAuthenticator);
      if (!app.hasDecorator('broadcast')) app.decorate('broadcast', new LocalBroadcast());
      if (!app.hasDecorator('rateLimitStore')) {
        const store = new MemoryRateLimitStore();
        app.decorate('rateLimitStore', store);
        app.addHook('onClose', async () => {
          store.close();
        });
      }
      // Closed before the adapter that provides the Broadcast (e.g. Redis) closes it.
      const feeds = createResourceFeeds(app, ctx);
      app.decorate('resourceFeeds', feeds);
      app.addHook('onClose', async () => {
        await feeds.close();
      });
    },
    { name: 'default-ports' },
  ),
} satisfies AppModule;

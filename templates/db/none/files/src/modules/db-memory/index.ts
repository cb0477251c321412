import fp from 'fastify-plugin';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { createMemoryRepositories } from '../../features/memory-repositories.js';

export default {
  plugin: fp<ModuleOptions>(
    async (app) => {
      app.decorate('repositories', createMemoryRepositories());
    },
    { name: 'db-memory' },
  ),
} satisfies AppModule;

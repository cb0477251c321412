import fp from 'fastify-plugin';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { createMemoryRepositories } from './repositories.js';

export default {
  plugin: fp<ModuleOptions>(
    async (_app, { ctx }) => {
      ctx.ports.repositories = createMemoryRepositories();
    },
    { name: 'db-memory' },
  ),
} satisfies AppModule;

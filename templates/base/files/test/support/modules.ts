// Modules a test declares for itself, and the name a module registers under. Apart from app.ts, so a
// support module built on these does not depend on the whole app.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext, AppModule, ModuleOptions } from '../../src/core/context.js';

// fastify-plugin sets the plugin's display name from its `name` option.
const DISPLAY_NAME = Symbol.for('fastify.display-name');

/** A module's fastify-plugin name, e.g. "db-postgres". */
export const moduleName = (module: AppModule): string | undefined => Reflect.get(module.plugin, DISPLAY_NAME) as string | undefined;

/** A module a test declares for itself (routes, a port of its own): a fastify-plugin named `name`. */
export const testModule = (name: string, register: (app: FastifyInstance, ctx: AppContext) => Promise<void> | void): AppModule => ({
  plugin: fp<ModuleOptions>(async (app, { ctx }) => register(app, ctx), { name }),
});

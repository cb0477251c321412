// gRPC API on GRPC_PORT: a service per resource, grpc.health.v1.Health mirroring readiness, and server
// reflection, listening once the app is ready (before the HTTP server) and drained before it on shutdown.
import { format } from 'node:util';
import { Server, setLogger } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import fp from 'fastify-plugin';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { accessControl } from './access.js';
import { callAdapters } from './call.js';
import { clientFaultsAsInvalidArgument } from './client-faults.js';
import { envSpec } from './env.js';
import { bindServer, drainServer } from './listener.js';
import { observeCalls } from './observe.js';
import { loadProtos, serviceDefinition } from './proto.js';
import { ReadinessHealth } from './readiness-health.js';
import { resourceServices } from './resource-services.js';
import { serviceCalls, type GrpcService } from './service.js';
import { traceCalls } from './tracing.js';
import { WatchRegistry } from './watches.js';

/** The module serving these services; the app's is `grpcApi(resourceServices)`. */
export function grpcApi(services: readonly GrpcService[]): AppModule {
  return {
    env: envSpec,
    plugin: fp<ModuleOptions>(
      async (app, { ctx }) => {
        const config = loadConfigFrom(envSpec, ctx.env);
        const log = ctx.logger.child({ component: 'grpc' });
        // grpc-js writes its own diagnostics to stderr as text: keep every line of output JSON.
        setLogger({ error: (...args) => log.error(format(...args)), info: (...args) => log.info(format(...args)), debug: (...args) => log.debug(format(...args)) });
        const definition = loadProtos(services.map((service) => service.proto));
        // Over BODY_LIMIT_BYTES grpc-js answers RESOURCE_EXHAUSTED, an unknown method UNIMPLEMENTED.
        const server = new Server({ 'grpc.max_receive_message_length': ctx.config.BODY_LIMIT_BYTES, interceptors: [clientFaultsAsInvalidArgument] });
        const watches = new WatchRegistry();
        // Outermost first: the span covers the log line (which carries its trace id) and the access checks.
        const adapters = callAdapters([traceCalls(), observeCalls(ctx.metrics), accessControl(app, ctx)], log, { trustProxy: ctx.config.TRUST_PROXY });
        for (const service of services) {
          const handlers = await service.handlers({ app, calls: serviceCalls(adapters, service.name), watches });
          server.addService(serviceDefinition(definition, service.name), handlers);
        }

        const health = new ReadinessHealth(ctx.health.readiness, services.map((service) => service.name), log);
        health.implementation.addToServer(server);
        if (config.GRPC_REFLECTION) new ReflectionService(definition).addToServer(server);

        // `grpcPort`: the port it listens on once the app is ready (with GRPC_PORT=0, the free one it got).
        // Untyped on purpose, read with getDecorator by tests (see docs/decisions.md, typed decorators).
        let port: number | undefined;
        app.decorate('grpcPort', { getter: () => port });
        // When the app is ready, so app.listen() fails (and the process stops) when gRPC cannot listen.
        app.addHook('onReady', async () => {
          await health.start(config.GRPC_HEALTH_INTERVAL_SECONDS * 1000);
          port = await bindServer(server, ctx.config.HOST, config.GRPC_PORT);
          log.info({ port, services: services.map((service) => service.name), reflection: config.GRPC_REFLECTION }, 'grpc listening');
        });
        // Before the HTTP server closes: report NOT_SERVING, end Watch streams so clients reconnect elsewhere,
        // let unary calls finish, then cancel what is left.
        app.addHook('preClose', async () => {
          health.shutdown();
          watches.closeAll();
          await drainServer(server, config.GRPC_DRAIN_SECONDS * 1000, log);
        });
      },
      { name: 'api-grpc', dependencies: ['features'] },
    ),
  };
}

export default grpcApi(resourceServices);

// What a resolver finds in the GraphQL context, besides mercurius' own (app, reply, pubsub).
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../core/ports.js';
import type { ConnectionSubscriptions } from './subscription-slots.js';

declare module 'mercurius' {
  interface MercuriusContext {
    /** Set from the request (or the subscription's upgrade) by the core's authentication hook. */
    principal?: Principal;
    /** The subscriptions of this graphql-ws connection (subscriptions only). */
    subscriptions?: ConnectionSubscriptions;
  }
}

/** The core's hooks ran on the request (or the subscription's upgrade): the principal is already known. */
export const requestContext = (request: FastifyRequest): { principal?: Principal } => ({ principal: request.principal });

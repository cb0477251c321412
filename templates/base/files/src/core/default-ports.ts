// Core defaults, replaced by modules: no cache, nobody authenticated, in-memory rate-limit counters.
import type { Authenticator, Cache } from './ports.js';

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

import type { Principal } from '../../core/ports.js';

/**
 * Tokens already verified, by their exact text, until they expire: verifying a signature through
 * WebCrypto is the largest cost of an authenticated request (`npm run bench` in create-groundwork).
 * Only a byte-identical token hits, so nothing unverified is ever accepted; an entry lives at most
 * `ttlMs`, which bounds how long a token signed with a since-removed key (JWKS rotation) is honoured.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    this.#entries.delete(token);
    if (now >= entry.until) return undefined;
    this.#entries.set(token, entry); // most recently used last
    return entry.principal;
  }

  /**
   * Remembers a just-verified token; `expiresAt` is its exp claim (seconds since the epoch). Returns
   * the principal frozen: one object now serves many requests, so no handler may change it for others.
   */
  remember(token: string, principal: Principal, expiresAt: number, now = Date.now()): Principal {
    const frozen = Object.freeze({ ...principal, scopes: Object.freeze([...principal.scopes]) as string[], claims: Object.freeze({ ...principal.claims }) });
    const until = Math.min(expiresAt * 1000, now + this.ttlMs);
    if (until <= now) return frozen;
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, { principal: frozen, until });
    return frozen;
  }

  get size(): number {
    return this.#entries.size;
  }
}

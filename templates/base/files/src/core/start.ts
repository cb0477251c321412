// Listeners that start with the HTTP server (e.g. a gRPC server), in registration order.
export class StartHooks {
  readonly #hooks: Array<() => Promise<void> | void> = [];

  add(start: () => Promise<void> | void): void {
    this.#hooks.push(start);
  }

  /** Rejects at the first failure: a process serving only some of its APIs must not look healthy. */
  async runAll(): Promise<void> {
    for (const start of this.#hooks.splice(0)) await start();
  }
}

// What vitest.config.ts provides to every test file (vitest's provide/inject).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Variables the modules ask every test app to have (testEnv in their manifests), e.g. GRPC_PORT=0. */
    moduleTestEnv: Record<string, string>;
  }
}

export {};

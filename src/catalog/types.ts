// Typed shapes of the catalog (what users choose) and of module manifests (what the composer merges).
import type { FieldView, ResourceView } from '../resources/view.js';
import type { DrizzleDialect, SnapshotTable } from '../resources/drizzle-migration.js';

export type EnvType = 'string' | 'url' | 'integer' | 'port' | 'boolean' | 'enum';

export interface EnvVar {
  name: string;
  type: EnvType;
  doc: string;
  /** No default: the variable is optional and undefined when unset. `{{projectName}}` is replaced. */
  default?: string | number | boolean;
  /** Accepted values of an enum. */
  values?: readonly string[];
  /** Bounds of an integer. */
  min?: number;
  max?: number;
  /**
   * Redacted from logs; never given a real value in .env.example. Unset, the app masks a variable whose
   * name looks like a secret's (TOKEN, PASSWORD...): false says that one is not (GRAPHQL_MAX_TOKENS).
   */
  secret?: boolean;
  /** Value written to the git-ignored .env at creation ("secret": 32 random bytes, base64url). */
  generate?: 'secret';
  /** Shown commented out in .env.example as an example value. */
  example?: string;
}

export type ComposeCondition = 'service_healthy' | 'service_started' | 'service_completed_successfully';

export interface ComposeService {
  /** An image, or `build` for a service that runs the project itself (e.g. a worker). */
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period?: string };
  volumes?: string[];
  depends_on?: Record<string, { condition: ComposeCondition }>;
  env_file?: { path: string; required: boolean }[];
  stop_grace_period?: string;
  init?: boolean;
}

export interface ModuleManifest {
  /** `<category>/<option>`, or `base`, or an internal module such as `connection/redis`. */
  id: string;
  /** Section title in the generated README. */
  title: string;
  /** Modules brought in with this one (composed before it). */
  requires?: string[];
  /** Package names; exact versions come from templates/versions.json. */
  dependencies?: string[];
  devDependencies?: string[];
  /** npm overrides: package -> the nested dependencies pinned (to templates/versions.json) under it. */
  overrides?: Record<string, string[]>;
  /**
   * package.json's `allowScripts`: the packages in the module's dependency tree whose install scripts
   * npm runs (true) or skips (false). npm 11.16+ warns about a package not listed; npm 12 skips it.
   * Reviewed by name, not pinned to a version.
   */
  allowScripts?: Record<string, boolean>;
  scripts?: Record<string, string>;
  env?: EnvVar[];
  /** docker-compose services; base declares `app`, other modules what the app needs. */
  services?: Record<string, ComposeService>;
  /** Env of the app container in docker-compose, pointing at those services. */
  appEnvironment?: Record<string, string>;
  /** Ports the app listens on besides PORT: published by docker-compose (host port from the variable), EXPOSEd by the image. */
  appPorts?: { variable: string; port: number }[];
  /** Extra `depends_on` of the app, e.g. a one-shot migration that must complete first. (Services
   * with an image are depended on automatically: healthy when they have a healthcheck, else started.) */
  appDependsOn?: Record<string, ComposeCondition>;
  /** Named volumes the services use. */
  volumes?: string[];
  /** Project paths the production image needs besides dist/ (e.g. SQL migrations). */
  runtimeFiles?: string[];
  /**
   * Folders the app writes to (e.g. an embedded database's), from the project root: the image creates
   * them owned by the app's user, and docker-compose mounts the named volume on each.
   */
  dataDirs?: { path: string; volume: string }[];
  /**
   * The OpenTelemetry instrumentation of a driver the module uses (its package also in `dependencies`):
   * src/core/instrumentations.ts creates `new <name>(<options>)` from `from`, and src/telemetry.ts
   * patches `module`'s ESM imports for it.
   */
  instrumentations?: {
    module: string;
    from: string;
    name: string;
    options?: string;
    /**
     * test/telemetry.test.ts checks the driver's spans when `variable` names a server: `support` (from
     * test/support/) exports `tracedEnv(url)`, the app's variables for a throwaway database or key
     * prefix on it and their cleanup; `system` is the spans' db.system.name.
     */
    test: { variable: string; support: string; system: string };
  }[];
  /** Test files vitest runs once per `npm test` before any test file (globalSetup), e.g. one migrated embedded database. */
  testGlobalSetup?: string[];
  /** Variables every test app gets (vitest.config.ts provides them to test/support/app.ts), e.g. a free port for a listener the app starts when ready. */
  testEnv?: Record<string, string>;
  /** The port of the generated core the module fills (documentation and `info`). */
  fills?: string;
  /** A SQL store's migrations: the drizzle-kit dialect (and folder) of the migration each resource change appends. */
  migrations?: DrizzleDialect<SnapshotTable>;
  /** The line in src/modules.ts: `import <name> from '<from>'` and `<name>,` in the list. */
  register?: { name: string; from: string };
  /**
   * Per-field snippets for this module's templates (`resource/**`, and `resources` in `files/**`), e.g. a
   * drizzle column per field type. The base module's are seen by every module.
   */
  resourceFields?: (field: FieldView) => Record<string, unknown>;
  /**
   * Per-resource values for this module's templates, computed from the whole resource (its fields with
   * their snippets already in): what no single field knows, such as the distinct ref targets.
   */
  resourceExtras?: (resource: ResourceView) => Record<string, unknown>;
}

export interface OptionRule {
  /** Category id and option id the rule points at. */
  category: string;
  option: string;
  reason: string;
}

export interface CatalogOption {
  id: string;
  label: string;
  hint: string;
  manifest: ModuleManifest;
  /** The stack is invalid unless these are chosen too. */
  requires?: OptionRule[];
  /** The stack is invalid when these are chosen too. */
  conflicts?: OptionRule[];
}

export interface Category {
  id: string;
  /** Question asked by the wizard. */
  question: string;
  /** Several options may be chosen together (e.g. API styles). */
  multiple: boolean;
  /** Option ids taken by --yes or without a TTY. */
  defaults: readonly string[];
  options: readonly CatalogOption[];
}

/** A chosen option list per category id, e.g. { api: ['rest'], db: ['postgres'] }. */
export type Stack = Record<string, string[]>;

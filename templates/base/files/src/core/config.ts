// Typed configuration: the core's variables in env-spec.ts, each module's in its own env.ts. Fails
// fast, naming every bad value at once.
import { envSpec } from './env-spec.js';

type BaseVar = { doc: string; secret?: boolean };
export type EnvVarSpec = BaseVar &
  (
    | { type: 'string' | 'url'; default?: string }
    | { type: 'integer'; default?: number; min?: number; max?: number }
    | { type: 'port'; default?: number }
    | { type: 'boolean'; default?: boolean }
    | { type: 'enum'; values: readonly string[]; default?: string }
  );
export type EnvSpec = Record<string, EnvVarSpec>;

/** Raw variables, e.g. process.env or a test's own record. */
export type Env = Readonly<Record<string, string | undefined>>;

type ValueOf<S> = S extends { type: 'integer' | 'port' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : string;

export type ConfigFrom<T extends EnvSpec> = {
  readonly [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};
export type Config = ConfigFrom<typeof envSpec>;

export interface ConfigIssue {
  variable: string;
  value: string;
  accepted: string;
}

/** Settings the process cannot start with; server.ts prints the message as one line, without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly issues: ConfigIssue[];
  /** `problem`: each bad variable, or one sentence about settings that do not go together (e.g. what production requires). */
  constructor(problem: ConfigIssue[] | string) {
    super(typeof problem === 'string' ? problem : problem.map((i) => `${i.variable}=${JSON.stringify(i.value)} is not ${i.accepted}`).join('; '));
    this.issues = typeof problem === 'string' ? [] : problem;
  }
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** Parses one raw value; returns the parsed value or an `accepted` description on failure. */
function parse(spec: EnvVarSpec, raw: string): { ok: true; value: unknown } | { ok: false; accepted: string } {
  switch (spec.type) {
    case 'string':
      return { ok: true, value: raw };
    case 'url':
      return URL.canParse(raw) ? { ok: true, value: raw } : { ok: false, accepted: 'a valid absolute URL' };
    case 'port': {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n <= 65535
        ? { ok: true, value: n }
        : { ok: false, accepted: 'a valid port (0-65535, 0: any free port)' };
    }
    case 'integer': {
      const n = Number(raw);
      const min = spec.min ?? Number.MIN_SAFE_INTEGER;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      return /^-?\d+$/.test(raw) && n >= min && n <= max
        ? { ok: true, value: n }
        : { ok: false, accepted: `an integer${spec.min !== undefined ? ` >= ${spec.min}` : ''}${spec.max !== undefined ? ` <= ${spec.max}` : ''}` };
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (TRUE.includes(v)) return { ok: true, value: true };
      if (FALSE.includes(v)) return { ok: true, value: false };
      return { ok: false, accepted: `a boolean (${[...TRUE, ...FALSE].join(', ')})` };
    }
    case 'enum':
      return spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false, accepted: `one of ${spec.values.join(', ')}` };
  }
}

export function loadConfigFrom<T extends EnvSpec>(spec: T, env: Env): ConfigFrom<T> {
  const out: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [variable, varSpec] of Object.entries(spec)) {
    const raw = env[variable]?.trim();
    // An empty value (e.g. `FOO=` in .env) means unset.
    if (raw === undefined || raw === '') {
      out[variable] = varSpec.default;
      continue;
    }
    const result = parse(varSpec, raw);
    if (result.ok) out[variable] = result.value;
    else issues.push({ variable, value: raw, accepted: result.accepted });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze(out) as ConfigFrom<T>;
}

/** The core's variables. */
export function loadConfig(env: Env = process.env): Config {
  return loadConfigFrom(envSpec, env);
}

/**
 * The core's config, after checking the core's and the given modules' variables together (one error
 * names every bad value, whichever module reads it), and every value read, secrets masked, to log.
 */
export function loadAppConfig(moduleSpecs: readonly EnvSpec[], env: Env = process.env): { config: Config; redacted: Record<string, unknown> } {
  const spec: EnvSpec = Object.assign({}, envSpec, ...moduleSpecs);
  const values = loadConfigFrom(spec, env);
  const config = loadConfig(env);
  const issues = relationIssues(config);
  if (issues.length > 0) throw new ConfigError(issues);
  return { config, redacted: redactConfig(values, spec) };
}

/** Rules between the core's variables, once each is valid on its own. */
function relationIssues(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // Node refuses to start a server whose headers timeout is longer than its request timeout.
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
    issues.push({ variable: 'HEADERS_TIMEOUT_MS', value: String(config.HEADERS_TIMEOUT_MS), accepted: `at most REQUEST_TIMEOUT_MS (${config.REQUEST_TIMEOUT_MS})` });
  }
  return issues;
}

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|API_?KEY|CREDENTIAL/i;

/**
 * A copy safe to log: secret variables masked (those the spec marks, and those named like a secret unless
 * the spec says `secret: false`), passwords stripped from URLs.
 */
export function redactConfig(config: Record<string, unknown>, spec: EnvSpec = envSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (spec[key]?.secret ?? SECRET_NAME.test(key)) out[key] = '[REDACTED]';
    else if (typeof value === 'string' && URL.canParse(value) && new URL(value).password) {
      const url = new URL(value);
      url.password = '[REDACTED]';
      out[key] = url.toString();
    } else out[key] = value;
  }
  return out;
}

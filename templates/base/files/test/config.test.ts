import { describe, expect, it } from 'vitest';
import { ConfigError, loadAppConfig, loadConfig, redactConfig, type EnvSpec } from '../src/core/config.js';

describe('config', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1'); // only the container listens on every interface
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.RATE_LIMIT_MAX).toBe(100);
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('parses typed values and treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '8080', TRUST_PROXY: 'true', RATE_LIMIT_MAX: '5', CORS_ORIGIN: '' });
    expect(config).toMatchObject({ PORT: 8080, TRUST_PROXY: true, RATE_LIMIT_MAX: 5, CORS_ORIGIN: undefined });
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc" is not a valid port (0-65535, 0: any free port)'],
    ['PORT', '70000', 'PORT="70000" is not a valid port (0-65535, 0: any free port)'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL="loud" is not one of fatal, error, warn, info, debug, trace, silent'],
    ['RATE_LIMIT_MAX', '0', 'RATE_LIMIT_MAX="0" is not an integer >= 1'],
    ['TRUST_PROXY', 'maybe', 'TRUST_PROXY="maybe" is not a boolean'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'not a url', 'OTEL_EXPORTER_OTLP_ENDPOINT="not a url" is not a valid absolute URL'],
  ])('rejects %s=%s naming the variable, value and what is accepted', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reports every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['PORT', 'LOG_LEVEL']);
    }
  });

  it("checks the core's and every module's variables together, and masks a module's secrets", () => {
    const moduleSpec = {
      WIDGET_URL: { type: 'url', doc: 'Widget service' },
      WIDGET_TOKEN: { type: 'string', secret: true, doc: 'Widget token' },
    } as const satisfies EnvSpec;
    try {
      loadAppConfig([moduleSpec], { PORT: 'x', WIDGET_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['PORT', 'WIDGET_URL']);
    }
    const { config, redacted } = loadAppConfig([moduleSpec], { PORT: '8080', WIDGET_URL: 'http://w', WIDGET_TOKEN: 'abc' });
    expect(config.PORT).toBe(8080);
    expect(redacted).toMatchObject({ PORT: 8080, WIDGET_URL: 'http://w', WIDGET_TOKEN: '[REDACTED]' });
  });

  it('redacts secrets for logging', () => {
    const redacted = redactConfig({ JWT_SECRET: 's3cr3t', SOME_URL: 'postgres://u:pw@h/db', PORT: 1 });
    expect(redacted.JWT_SECRET).toBe('[REDACTED]');
    expect(redacted.SOME_URL).not.toContain('pw');
    expect(redacted.PORT).toBe(1);
  });

  it('masks a variable named like a secret unless its spec says it is not one', () => {
    const spec: EnvSpec = {
      API_TOKEN: { type: 'string', doc: 'a token' },
      MAX_TOKENS: { type: 'integer', default: 10, secret: false, doc: 'a limit' },
    };
    expect(redactConfig({ API_TOKEN: 'abc', MAX_TOKENS: 10 }, spec)).toEqual({ API_TOKEN: '[REDACTED]', MAX_TOKENS: 10 });
  });
});

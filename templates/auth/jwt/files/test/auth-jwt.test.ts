import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { requirePrincipal } from '../src/core/auth.js';
import { loadConfigFrom } from '../src/core/config.js';
import type { HttpProblem } from '../src/core/errors.js';
import type { Authenticator, Credentials, Principal } from '../src/core/ports.js';
import { createJwtAuthenticator } from '../src/modules/auth-jwt/authenticator.js';
import { envSpec } from '../src/modules/auth-jwt/env.js';
import authJwt from '../src/modules/auth-jwt/index.js';
import { signDevToken } from '../src/modules/auth-jwt/sign.js';
import { parseTokenArgs, UsageError } from '../src/modules/auth-jwt/token-args.js';
import { VerifiedTokens } from '../src/modules/auth-jwt/verified-tokens.js';
import { modules } from '../src/modules.js';
import { testApp, testEnv, testModules } from './support/app.js';
import { testModule } from './support/modules.js';
import { authHeaders, authTestEnv } from './support/auth.js';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const request = (authorization?: string): Credentials => (authorization === undefined ? {} : { authorization });
const SECRET = authTestEnv.JWT_SECRET!;
const { JWT_ISSUER: ISS, JWT_AUDIENCE: AUD } = loadConfigFrom(envSpec, testEnv());

async function authenticatorWith(env: Record<string, string>): Promise<Authenticator> {
  const built = await testModules([authJwt], env);
  await built.app.close();
  return built.app.authenticator;
}
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as HttpProblem);

describe('auth-jwt with JWT_SECRET (HS256, development)', () => {
  let auth: Authenticator;
  beforeAll(async () => {
    auth = await authenticatorWith({});
  });
  const sign = (o: Partial<Parameters<typeof signDevToken>[0]> = {}) =>
    signDevToken({ secret: SECRET, issuer: ISS, audience: AUD, subject: 'alice', scopes: ['notes:write'], ...o });

  it('is required and accepts a valid token (the authHeaders helper included)', async () => {
    expect(auth.required).toBe(true);
    const principal = await auth.authenticate(request((await authHeaders({ sub: 'bob', scopes: ['a', 'b'] })).authorization));
    expect(principal).toMatchObject({ subject: 'bob', scopes: ['a', 'b'], claims: { iss: ISS, aud: AUD } });
  });

  it('returns undefined when no Authorization header is sent', async () => {
    expect(await auth.authenticate(request())).toBeUndefined();
  });

  it.each([
    ['alg none', () => Promise.resolve(new UnsecuredJWT({ sub: 'alice' }).setIssuer(ISS).setAudience(AUD).setExpirationTime('1h').encode())],
    ['wrong audience', () => sign({ audience: 'someone-else' })],
    ['wrong issuer', () => sign({ issuer: 'evil' })],
    ['expired', () => sign({ expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['wrong secret', () => sign({ secret: 'another-secret-of-at-least-32-characters' })],
    ['garbage', () => Promise.resolve('not.a.jwt')],
  ])('rejects %s with a 401 problem and WWW-Authenticate', async (_label, token) => {
    const error = await rejection(auth.authenticate(request(`Bearer ${await token()}`)));
    expect(error?.status).toBe(401);
    expect(error?.options.headers?.['www-authenticate']).toMatch(/^Bearer error="invalid_token", error_description="[^"]*"$/);
  });

  it('tolerates small clock skew but not more', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(auth.authenticate(request(`Bearer ${await sign({ expiresIn: now - 2 })}`))).resolves.toBeDefined();
    await expect(auth.authenticate(request(`Bearer ${await sign({ expiresIn: now - 10 })}`))).rejects.toMatchObject({ detail: 'token expired' });
  });

  it('rejects other schemes with a bare Bearer challenge, malformed Bearer headers as invalid_token (RFC 6750)', async () => {
    const basic = await rejection(auth.authenticate(request('Basic YWxpY2U6cHc=')));
    expect(basic).toMatchObject({ status: 401 });
    expect(basic?.options.headers?.['www-authenticate']).toBe('Bearer');
    for (const header of ['Bearer', 'Bearer a b']) {
      const malformed = await rejection(auth.authenticate(request(header)));
      expect(malformed, header).toMatchObject({ status: 401 });
      expect(malformed?.options.headers?.['www-authenticate'], header).toMatch(/^Bearer error="invalid_token"/);
    }
  });

  it('refuses to start without keys or with a short secret', async () => {
    await expect(authenticatorWith({ JWT_SECRET: '' })).rejects.toThrow(/JWT_JWKS_URL.*JWT_SECRET/);
    await expect(authenticatorWith({ JWT_SECRET: 'short' })).rejects.toThrow(/at least 32/);
  });
});

describe('auth-jwt verified-token cache', () => {
  afterEach(() => vi.useRealTimers());
  const sign = (o: Partial<Parameters<typeof signDevToken>[0]> = {}) =>
    signDevToken({ secret: SECRET, issuer: ISS, audience: AUD, subject: 'alice', scopes: ['notes:write'], ...o });
  /** An HS256 authenticator that counts how often it is asked for the key, i.e. how often it verifies. */
  function counting() {
    const secret = new TextEncoder().encode(SECRET);
    const calls = { count: 0 };
    const auth = createJwtAuthenticator({ key: () => (calls.count++, secret), algorithms: ['HS256'], issuer: ISS, audience: AUD });
    return { auth, calls };
  }

  it('verifies a token once and answers repeats from the cache, frozen', async () => {
    const { auth, calls } = counting();
    const token = await sign();
    const first = await auth.authenticate(request(`Bearer ${token}`));
    const again = await auth.authenticate(request(`Bearer ${token}`));
    expect(calls.count).toBe(1);
    expect(again).toBe(first);
    expect(Object.isFrozen(again) && Object.isFrozen(again!.scopes) && Object.isFrozen(again!.claims)).toBe(true);
  });

  it('never lets a different token hit: a tampered signature is verified, and rejected', async () => {
    const { auth, calls } = counting();
    const token = await sign();
    await auth.authenticate(request(`Bearer ${token}`));
    // The signature's first character carries six bits the signature needs; its last one carries
    // padding bits a decoder ignores, so editing the end can leave the signature as it was.
    const signatureAt = token.lastIndexOf('.') + 1;
    const tampered = `${token.slice(0, signatureAt)}${token[signatureAt] === 'A' ? 'B' : 'A'}${token.slice(signatureAt + 1)}`;
    await expect(auth.authenticate(request(`Bearer ${tampered}`))).rejects.toMatchObject({ status: 401 });
    expect(calls.count).toBe(2);
  });

  it('stops answering from the cache when the token expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { auth, calls } = counting();
    const token = await sign({ expiresIn: '30s' });
    await auth.authenticate(request(`Bearer ${token}`));
    vi.setSystemTime(Date.now() + 40_000); // past exp and the 5 s clock tolerance
    await expect(auth.authenticate(request(`Bearer ${token}`))).rejects.toMatchObject({ detail: 'token expired' });
    expect(calls.count).toBe(2);
  });

  it('holds at most its capacity and each entry at most its time to live', () => {
    const tokens = new VerifiedTokens(2, 1000);
    const principal: Principal = { subject: 's', scopes: [], claims: {} };
    const exp = Date.now() / 1000 + 3600;
    for (const token of ['a', 'b', 'c']) tokens.remember(token, principal, exp, 0);
    expect(tokens.size).toBe(2);
    expect(tokens.get('a', 0)).toBeUndefined(); // least recently used, evicted
    expect(tokens.get('c', 999)).toBeDefined();
    expect(tokens.get('c', 1000)).toBeUndefined();
  });
});

describe('auth-jwt over HTTP', () => {
  const whoami = testModule('whoami', (app) => {
    app.get('/whoami', { onRequest: requirePrincipal(() => app.authenticator) }, async (req) => ({ sub: req.principal?.subject }));
  });

  it('answers 401 problem+json without a token or with a bad one, and 200 with a valid one', async () => {
    const built = await testApp({}, { modules: [...modules, whoami] });
    try {
      const missing = await built.app.inject('/whoami');
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      const bad = await built.app.inject({ url: '/whoami', headers: { authorization: 'Bearer not.a.jwt' } });
      expect(bad.statusCode).toBe(401);
      expect(bad.headers['www-authenticate']).toContain('invalid_token');
      expect(bad.json()).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'invalid token' });
      const ok = await built.app.inject({ url: '/whoami', headers: await authHeaders({ sub: 'dana' }) });
      expect(ok.json()).toEqual({ sub: 'dana' });
    } finally {
      await built.app.close();
    }
  });
});

describe('auth-jwt with JWT_JWKS_URL (RS256/ES256 from a local JWKS server)', () => {
  let server: Server;
  let auth: Authenticator;
  const keys: Record<string, PrivateKey> = {};
  const IDP = 'https://idp.test/';

  beforeAll(async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    keys.rsa = rsa.privateKey;
    keys.ec = ec.privateKey;
    const jwks = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ],
    };
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`;
    auth = await authenticatorWith({ JWT_JWKS_URL: jwksUrl, JWT_SECRET: '', JWT_ISSUER: IDP });
  });
  afterAll(() => new Promise((r) => server?.close(r)));

  const signWith = (alg: string, kid: string, key: PrivateKey | Uint8Array, iss = IDP) =>
    new SignJWT({ scope: 'notes:read' }).setProtectedHeader({ alg, kid }).setIssuer(iss).setAudience(AUD).setSubject('carol').setExpirationTime('5m').sign(key);

  it('accepts RS256 and ES256 tokens signed by a published key', async () => {
    for (const token of [await signWith('RS256', 'rsa-1', keys.rsa!), await signWith('ES256', 'ec-1', keys.ec!)]) {
      await expect(auth.authenticate(request(`Bearer ${token}`))).resolves.toMatchObject({ subject: 'carol', scopes: ['notes:read'] });
    }
  });

  it('rejects HS256 (algorithm confusion), unknown keys and wrong issuers', async () => {
    const hs = await signWith('HS256', 'rsa-1', new TextEncoder().encode(SECRET));
    const other = await generateKeyPair('RS256');
    const unknown = await signWith('RS256', 'nope', other.privateKey);
    const wrongIss = await signWith('RS256', 'rsa-1', keys.rsa!, 'https://evil.test/');
    for (const token of [hs, unknown, wrongIss]) {
      await expect(auth.authenticate(request(`Bearer ${token}`))).rejects.toMatchObject({ status: 401 });
    }
  });

  it('answers 503 (not 401) when the JWKS cannot be fetched', async () => {
    const down = await authenticatorWith({ JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json', JWT_ISSUER: IDP });
    const token = await signWith('RS256', 'rsa-1', keys.rsa!);
    await expect(down.authenticate(request(`Bearer ${token}`))).rejects.toMatchObject({ status: 503 });
  });
});

describe('npm run token', () => {
  it('parses subject, scopes (repeated, comma or space separated) and time to live', () => {
    expect(parseTokenArgs([])).toEqual({ help: false, sub: 'dev', scopes: [], ttl: '1h' });
    expect(parseTokenArgs(['--sub', 'alice', '--scope', 'notes:read,notes:write', '--scope', 'a b', '--ttl', '30m'])).toEqual({
      help: false,
      sub: 'alice',
      scopes: ['notes:read', 'notes:write', 'a', 'b'],
      ttl: '30m',
    });
    expect(parseTokenArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--bogus'], /--bogus/],
    [['stray'], /stray/],
    [['--sub'], /--sub/],
    [['--sub', ' '], /--sub must not be empty/],
    [['--ttl', 'soon'], /--ttl "soon" is not a time span/],
  ])('refuses %j with a usage error naming it', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });

  // The script as npm runs it (minus .env): exit codes and output, never a stack trace.
  const runToken = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/modules/auth-jwt/token.ts', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, JWT_SECRET: SECRET },
      timeout: 60_000,
    });

  it('prints a usage line and exits 2 on bad arguments, 0 with the usage on --help', () => {
    const bad = runToken(['--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^token: .*--bogus.*\nusage: npm run token -- /);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const help = runToken(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run token -- /);
  });

  it('prints a token the app accepts', async () => {
    const result = runToken(['--sub', 'erin', '--scope', 'notes:write', '--ttl', '5m']);
    expect(result.status, result.stderr).toBe(0);
    const token = result.stdout.trim().split('\n').at(-1)!;
    const auth = await authenticatorWith({});
    await expect(auth.authenticate(request(`Bearer ${token}`))).resolves.toMatchObject({ subject: 'erin', scopes: ['notes:write'] });
  });
});

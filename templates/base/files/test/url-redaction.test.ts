import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSensitiveQueryParam, redactQuery, redactUrl } from '../src/core/url-redaction.js';

describe('URL redaction', () => {
  it.each([
    'token',
    'access_token',
    'ID_TOKEN',
    'refresh_token',
    'code',
    'api_key',
    'apikey',
    'ApiKey',
    'key',
    'secret',
    'client_secret',
    'password',
    'signature',
    'sig',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'AWSAccessKeyId',
    'acc%65ss_token',
    'user[password]',
    'token[]',
    'jwt',
    'session',
  ])('treats %s as a credential', (name) => {
    expect(isSensitiveQueryParam(name)).toBe(true);
  });

  it.each(['page', 'limit', 'after', 'sort', 'q', 'title', 'keyboard', 'tokenizer', 'signed_in', '%zz'])('keeps %s', (name) => {
    expect(isSensitiveQueryParam(name)).toBe(false);
  });

  it('replaces only the values of credential parameters, leaving the rest byte for byte', () => {
    expect(redactUrl('/v1/notes?after=abc%3D&token=s3cr3t&limit=10&flag&code=')).toBe('/v1/notes?after=abc%3D&token=[REDACTED]&limit=10&flag&code=[REDACTED]');
    expect(redactUrl('/v1/notes')).toBe('/v1/notes');
  });

  it('never lets a credential value through, and never changes a query without credentials', () => {
    const value = fc.string({ minLength: 1 }).map((s) => encodeURIComponent(s));
    const safeName = fc.constantFrom('page', 'limit', 'after', 'sort', 'q');
    const secretName = fc.constantFrom('token', 'Access_Token', 'api_key', 'password', 'X-Amz-Signature', 'sig');
    fc.assert(
      fc.property(fc.array(fc.tuple(safeName, value)), (pairs) => {
        const query = pairs.map(([n, v]) => `${n}=${v}`).join('&');
        expect(redactQuery(query)).toBe(query);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(safeName, value)), secretName, value, (pairs, name, secret) => {
        const marked = `SECRET${secret}`;
        const query = [...pairs.map(([n, v]) => `${n}=${v}`), `${name}=${marked}`].join('&');
        expect(redactQuery(query)).not.toContain(marked);
      }),
    );
  });
});

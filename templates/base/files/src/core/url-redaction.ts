// Query strings in logs and spans: values of credential-like parameters replaced, everything else kept.

const REDACTED = '[REDACTED]';

/**
 * Parameter names whose values are credentials, matched case-insensitively as the whole name or its
 * last part after "_", "-" or "." (and inside brackets: `user[password]`, `token[]`): token, access_token, id_token, refresh_token, code (OAuth), api_key,
 * apikey, key, secret, client_secret, password, signature, sig, X-Amz-Signature, X-Amz-Credential,
 * X-Amz-Security-Token, AWSAccessKeyId, ... Errs on the side of redacting: `zip_code` is redacted too.
 */
const SENSITIVE_NAME =
  /(?:^|[_.-])(?:token|code|key|apikey|secret|password|passwd|pwd|signature|sig|credentials?|auth|authorization|jwt|session|sessionid|assertion|awsaccesskeyid)$/i;

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw; // not valid percent-encoding: judge the name as written
  }
}

export function isSensitiveQueryParam(raw: string): boolean {
  const name = decodedName(raw).trim();
  const innermost = name.split(/[[\]]+/).filter(Boolean).at(-1) ?? name;
  return SENSITIVE_NAME.test(name) || SENSITIVE_NAME.test(innermost);
}

/** The query (without "?") with sensitive values replaced; the other parameters byte for byte. */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && isSensitiveQueryParam(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** Path and query of a request URL, the query already redacted (undefined without one). */
export function splitUrl(url: string): { path: string; query?: string } {
  const question = url.indexOf('?');
  return question === -1 ? { path: url } : { path: url.slice(0, question), query: redactQuery(url.slice(question + 1)) };
}

/** A request URL (path and query, as the client sent it) safe to log. */
export function redactUrl(url: string): string {
  const { path, query } = splitUrl(url);
  return query === undefined ? path : `${path}?${query}`;
}

// Tests against real services are opt-in: they run only when the service's TEST_* URL is set, so
// `npm test` never touches a developer's local databases. REQUIRE_SERVICES=1 (CI) makes a missing URL fail.
import { describe, it } from 'vitest';

export function serviceUrl(variable: string): string | undefined {
  const url = process.env[variable]?.trim();
  if (url) return url;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but ${variable} is not set`);
  return undefined;
}

/** A describe block that runs with the service URL, or shows one skipped test saying how to enable it. */
export function describeWithService(variable: string, title: string, body: (url: string) => void): void {
  const url = serviceUrl(variable);
  if (url) describe(title, () => body(url));
  else {
    const reason = `set ${variable} to run these tests against a real service`;
    console.warn(`skipped "${title}": ${reason}`);
    describe(title, () => it.skip(reason));
  }
}

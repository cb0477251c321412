// Query.health: readiness over GraphQL, for clients and gateways that speak nothing else, and the one
// field the schema has before any resource exists. The checks' error messages stay in /readyz and the
// logs: they may name hosts, and GraphQL errors never show internals.
import type { MercuriusContext } from 'mercurius';
import type { AppContext } from '../../core/context.js';
import type { HealthReport } from '../../core/health.js';

export const healthTypeDefs = /* GraphQL */ `
  enum HealthStatus {
    pass
    fail
  }

  type HealthCheck {
    "The dependency, as in GET /readyz: postgres, redis, ..."
    name: String!
    status: HealthStatus!
    durationMs: Int!
  }

  "pass when every dependency check passed within its timeout; fail also while the instance shuts down."
  type Health {
    status: HealthStatus!
    checks: [HealthCheck!]!
  }
`;

interface Health {
  status: HealthReport['status'];
  checks: Array<{ name: string; status: HealthReport['status']; durationMs: number }>;
}

const healthOf = (report: HealthReport): Health => ({
  status: report.status,
  checks: Object.entries(report.checks).map(([name, check]) => ({ name, status: check.status, durationMs: check.durationMs })),
});

export function healthResolvers(ctx: AppContext) {
  // The checks reach real dependencies: aliases (`a: health b: health ...`) share one run per request.
  const byRequest = new WeakMap<MercuriusContext, Promise<Health>>();
  return {
    Query: {
      health(_root: unknown, _args: unknown, context: MercuriusContext): Promise<Health> {
        let health = byRequest.get(context);
        if (!health) {
          health = ctx.health.readiness().then(healthOf);
          byRequest.set(context, health);
        }
        return health;
      },
    },
  };
}

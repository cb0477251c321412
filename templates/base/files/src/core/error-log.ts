// How an error appears in a log line: what says where it failed, never the data it failed on.

const MAX_CAUSES = 3;

/**
 * drizzle-orm's query errors end their message with the query's bound values ("params: ..."), i.e.
 * the request's data. Everything from that line on is replaced.
 */
const BOUND_VALUES = /\nparams: [\s\S]*$/;

function safeMessage(message: string): string {
  return message.replace(BOUND_VALUES, '\nparams: [REDACTED]');
}

/**
 * pino's default error serializer copies every enumerable property, which is where libraries keep the
 * request body, the query parameters or a response (pg's `detail` holds the conflicting row's values).
 * Only the type, code, status, message and stack are kept, and the causes the same way.
 */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  const message = safeMessage(error.message);
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message,
    stack: error.stack?.replace(error.message, message),
  };
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (typeof statusCode === 'number') out.statusCode = statusCode;
  if (error.cause !== undefined && depth < MAX_CAUSES) out.cause = errorForLog(error.cause, depth + 1);
  return out;
}

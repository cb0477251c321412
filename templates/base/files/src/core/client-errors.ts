// Requests refused before any hook or handler runs, answered with problem+json like every other error:
// by Node's HTTP parser (the server's `clientError` event: a request head over MAX_HEADER_BYTES, a
// malformed request, a client too slow to send its request; the connection is then closed) and by
// Fastify's router (`frameworkErrors`: malformed percent-encoding, an over-long path parameter).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, PROBLEM_CONTENT_TYPE, problem, sendProblem } from './errors.js';
import { acceptRequestId, REQUEST_ID_HEADER } from './logger.js';
import { redactUrl } from './url-redaction.js';

const REQUEST_LINE_START = /^[A-Z]+ /;

/**
 * llhttp counts the request line into the header size, so a URL too long and headers too large are the
 * same parser error. It is the URL when the failing packet starts with a request line that does not
 * end in it, or that is longer than the limit on its own. (A URL split over several packets that
 * overflows in a later one reads as headers too large: still a 4xx, with the less precise status.)
 */
function isUrlTooLong(packet: unknown, maxHeaderBytes: number): boolean {
  // rawPacket: the bytes the parser was given when it failed (typed loosely by Fastify, a Buffer in Node).
  if (!Buffer.isBuffer(packet) || !REQUEST_LINE_START.test(packet.subarray(0, 16).toString('latin1'))) return false;
  const lineEnd = packet.indexOf('\n');
  return lineEnd === -1 || lineEnd >= maxHeaderBytes;
}

function statusOf(error: ConnectionError, maxHeaderBytes: number): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_HEADER_OVERFLOW') return isUrlTooLong(error.rawPacket, maxHeaderBytes) ? 414 : 431;
  return 400;
}

const DETAILS: Record<number, string> = {
  400: 'The request could not be parsed as HTTP.',
  408: 'The request was not received in time.',
  414: 'The URL is longer than the server accepts.',
  431: 'The request headers are larger than the server accepts.',
};

/** Fastify's `clientErrorHandler`, bound to the instance. */
export function clientErrorHandler(maxHeaderBytes: number) {
  return function handleClientError(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = statusOf(error, maxHeaderBytes);
    const requestId = acceptRequestId(undefined);
    // Answer only when no response has started on this connection: its bytes would corrupt that response
    // (the same check as Node's own handler).
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const body = JSON.stringify({ ...problem(status, DETAILS[status]), requestId });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    this.log.info({ request_id: requestId, status_code: status, remote_ip: socket.remoteAddress, reason: error.code }, 'request rejected before routing');
    socket.destroy();
  };
}

const FRAMEWORK_ERROR_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not validly percent-encoded.',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than the server accepts.',
};

/**
 * Fastify's `frameworkErrors`: errors of the router, before any hook or handler runs (a malformed
 * percent-encoding, an over-long path parameter). Fastify would answer them with its own JSON.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = errorStatus(error);
  reply.header(REQUEST_ID_HEADER, request.id);
  if (status >= 500) request.log.error({ err: error }, 'router failed');
  else request.log.info({ method: request.method, url: redactUrl(request.url), status_code: status, reason: error.code }, 'request rejected by the router');
  return sendProblem(request, reply, problem(status, FRAMEWORK_ERROR_DETAILS[error.code]));
}

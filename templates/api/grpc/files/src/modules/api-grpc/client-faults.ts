// grpc-js refuses some malformed calls itself, before any handler or interceptor of ours runs, and
// answers them INTERNAL ("the server is broken"): a message that is not the method's protobuf, a gzip
// body that does not inflate, a grpc-timeout header that is not "<digits><unit>". They are the client's
// fault, so they become INVALID_ARGUMENT, for every service on the server (health and reflection too).
import { ServerInterceptingCall, status, type ServerInterceptor } from '@grpc/grpc-js';

/** The start of grpc-js' own details for each (server-interceptors.ts in @grpc/grpc-js). */
const CLIENT_FAULT_DETAILS = ['Error deserializing request', 'Failed to decompress message', 'Invalid grpc-timeout value'];

const isClientFault = (code: status, details: string | undefined): boolean =>
  code === status.INTERNAL && details !== undefined && CLIENT_FAULT_DETAILS.some((start) => details.startsWith(start));

/**
 * grpc-js sends these statuses from its innermost call object, past every interceptor's responder, so
 * the call's own sendStatus is wrapped: this must be the first interceptor of the server.
 */
export const clientFaultsAsInvalidArgument: ServerInterceptor = (_method, call) => {
  const sendStatus = call.sendStatus.bind(call);
  call.sendStatus = (sent) => sendStatus(isClientFault(sent.code, sent.details) ? { ...sent, code: status.INVALID_ARGUMENT } : sent);
  return new ServerInterceptingCall(call);
};

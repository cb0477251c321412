// Server streams that run until the client leaves (Watch): bounded for slow readers, ended when the server stops.
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { cancellationOf, type CallContext } from './call.js';
import { GrpcError } from './errors.js';

/** Messages queued for a watcher that reads slower than they come; past this it is ended. */
export const WATCH_BUFFER_MAX = 1000;

/** Starts delivering messages to `send`; the returned function stops it. */
export type Subscribe<Message> = (send: (message: Message) => void) => () => void;

export class WatchRegistry {
  readonly #open = new Set<(error: GrpcError) => void>();

  get size(): number {
    return this.#open.size;
  }

  /** Resolves never on its own: the stream ends when the client leaves, reads too slowly, or the server stops. */
  watch<Request, Response>(call: CallContext, stream: ServerWritableStream<Request, Response>, subscribe: Subscribe<Response>): Promise<void> {
    return new Promise<void>((_resolve, reject) => {
      const end = (error: GrpcError) => {
        stop();
        this.#open.delete(end);
        call.signal.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => end(cancellationOf(call));
      const stop = subscribe((message) => {
        if (stream.writableLength >= WATCH_BUFFER_MAX) {
          end(new GrpcError(status.RESOURCE_EXHAUSTED, `Watcher too slow: ${WATCH_BUFFER_MAX} messages were waiting to be sent`));
          return;
        }
        stream.write(message);
      });
      this.#open.add(end);
      call.signal.addEventListener('abort', onAbort, { once: true });
      call.sendHeaders(); // subscribed: from now on the client misses nothing
    });
  }

  /** Ends every stream with UNAVAILABLE: clients reconnect, to another instance when this one is going away. */
  closeAll(): void {
    for (const end of [...this.#open]) end(new GrpcError(status.UNAVAILABLE, 'Server is shutting down; reconnect'));
  }
}

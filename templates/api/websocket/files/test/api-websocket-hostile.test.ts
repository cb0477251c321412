// Property: whatever frames a client sends to /ws (any JSON, wrong types, unknown versions, types and
// topics, binary, text that is not UTF-8, messages over WS_MAX_MESSAGE_BYTES), each gets a protocol
// error reply or the connection is closed with a client-fault code; the server never fails (1011) or
// drops the connection without a close frame, and afterwards it still serves a normal subscriber.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { wrongTypeValue } from './support/hostile-input.js';
import { captureLogs } from './support/log-capture.js';
import { createWidgetsService } from './support/widgets.js';
import { connect } from './support/websocket-client.js';
import { WIDGETS_TOPIC, withWidgetsTopic } from './support/websocket-topics.js';

const MAX_MESSAGE_BYTES = 1024;
/** Close codes that blame the client: protocol error, invalid UTF-8, policy (rate), too big. */
const CLIENT_FAULT_CLOSES = new Set([1002, 1007, 1008, 1009]);
const ERROR_CODES = new Set(['invalid_json', 'invalid_message', 'unsupported_version', 'unknown_type', 'unknown_topic', 'rate_limited']);

interface Frame {
  data: string | Buffer;
  binary: boolean;
}

const text = (data: string): Frame => ({ data, binary: false });

const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc.jsonValue().map((value) => text(JSON.stringify(value))),
  fc
    .record(
      {
        v: fc.oneof(fc.constant(1), fc.integer(), wrongTypeValue),
        type: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'ping'), fc.string(), wrongTypeValue),
        topic: fc.oneof(fc.constant(WIDGETS_TOPIC), fc.string(), wrongTypeValue),
        id: fc.oneof(fc.string({ maxLength: 80 }), wrongTypeValue),
      },
      { requiredKeys: [] },
    )
    .map((message) => text(JSON.stringify(message))),
  fc.string({ maxLength: 100 }).map(text), // rarely JSON
  fc.uint8Array({ maxLength: 100 }).map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
  fc.uint8Array({ minLength: 1, maxLength: 50 }).map((bytes) => ({ data: Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(bytes)]), binary: false })), // not UTF-8
  fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES * 4 }).map((size) => text(JSON.stringify({ v: 1, type: 'ping', id: 'x'.repeat(size) }))),
);

describe('WebSocket API under hostile frames', () => {
  let built: BuiltApp;
  let url: string;
  const logs = captureLogs();
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'warn', WS_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) }, { modules: withWidgetsTopic(), logStream: logs.stream });
    url = `${(await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/ws`;
  });
  afterAll(() => built.app.close());

  it('answers every frame with a reply or a protocol error, or closes the connection with a client-fault code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        const client = await connect(url);
        const context = JSON.stringify(frames.map((f) => ({ binary: f.binary, data: typeof f.data === 'string' ? f.data.slice(0, 80) : f.data.toString('hex').slice(0, 80) })));
        let closedWith: number | undefined;
        void client.closed.then(({ code }) => (closedWith = code));
        try {
          for (const { data, binary } of frames) {
            client.socket.send(data, { binary });
            const reply = await Promise.race([client.next(10_000).catch(() => undefined), client.closed.then(() => undefined)]);
            if (reply === undefined) break;
            if (reply.type === 'error') expect(ERROR_CODES.has(reply.code as string), context).toBe(true);
            else expect(['pong', 'subscribed', 'unsubscribed', 'event'], context).toContain(reply.type);
          }
          if (closedWith !== undefined || client.socket.readyState !== WebSocket.OPEN) {
            const { code } = await client.closed;
            expect(CLIENT_FAULT_CLOSES.has(code), `closed with ${code} after ${context}`).toBe(true);
          }
        } finally {
          await client.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('still serves a normal subscriber afterwards, and logged no server failure', async () => {
    expect((await built.app.inject('/livez')).statusCode).toBe(200);
    const client = await connect(url);
    try {
      expect(await client.request({ v: 1, type: 'subscribe', topic: WIDGETS_TOPIC })).toEqual({ v: 1, type: 'subscribed', topic: WIDGETS_TOPIC });
      const widget = await createWidgetsService(built).create({ name: 'after', description: '' });
      expect(await client.next()).toMatchObject({ type: 'event', event: 'widget.created', data: { id: widget.id } });
    } finally {
      await client.close();
    }
    expect(logs.lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

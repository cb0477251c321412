// graphql-ws connections on /graphql, whatever the resources: the WebSocket server's limits and the
// protocol's checks. Each resource's subscription is tested in test/features/<resource>/graphql.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { type RawGraphqlWs, rawGraphqlWs } from './support/graphql-ws-client.js';

describe('graphql-ws connections get the WebSocket limits and the protocol checks', () => {
  const opened: BuiltApp[] = [];
  const sockets: RawGraphqlWs[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await Promise.all(opened.map((b) => b.app.close()));
  });

  async function listening(env: Record<string, string> = {}): Promise<{ built: BuiltApp; connect: () => Promise<RawGraphqlWs> }> {
    const built = await testApp({ RATE_LIMIT_MAX: '10000', ...env });
    opened.push(built);
    const url = `${(await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/graphql`;
    const connect = async () => {
      const socket = await rawGraphqlWs(url);
      sockets.push(socket);
      return socket;
    };
    return { built, connect };
  }

  /** The server notes a close after the client saw it: scrape until the metrics show what is expected. */
  async function scrapeUntil(built: BuiltApp, pattern: RegExp): Promise<string> {
    let text = '';
    for (let attempt = 0; attempt < 200 && !pattern.test(text); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50));
      text = (await built.app.inject('/metrics')).body;
    }
    expect(text).toMatch(pattern);
    return text;
  }

  it('answers a subscribe whose operation does not exist with a GraphQL error, not a crash', async () => {
    const { connect } = await listening();
    const socket = await connect();
    socket.send({ type: 'subscribe', id: 'y', payload: { query: 'subscription Live { health { status } }', operationName: 'Other' } });
    expect(await socket.next((m) => m.id === 'y')).toEqual({ type: 'error', id: 'y', payload: [{ message: 'Unknown operation named "Other"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    socket.send({ type: 'subscribe', id: 'z', payload: { query: 'fragment F on Query { __typename }' } });
    expect(await socket.next((m) => m.id === 'z')).toEqual({ type: 'error', id: 'z', payload: [{ message: 'The document has no operation to run', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  });

  it('closes a connection that breaks the protocol with 4400, and a second connection_init with 4429', async () => {
    const { built, connect } = await listening();
    const query = 'subscription { anything { id } }'; // never read: the message is refused first
    for (const message of [
      'not json',
      '[1]',
      { type: 'publish' },
      { type: 'subscribe', id: 's', payload: { query: { kind: 'Document', definitions: [] } } },
      { type: 'subscribe', id: 's', payload: { query, variables: [1] } },
      { type: 'subscribe', payload: { query } },
      Buffer.from([1, 2, 3]),
    ]) {
      const socket = await connect();
      socket.send(message);
      expect((await socket.closed).code).toBe(4400);
    }
    const twice = await connect();
    twice.send({ type: 'connection_init' });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
    const text = await scrapeUntil(built, /^websocket_disconnects_total\{endpoint="\/graphql",reason="protocol_error"\} 8$/m);
    expect(text).toMatch(/^websocket_messages_received_total\{endpoint="\/graphql",type="connection_init",outcome="ok"\} \d+$/m);
  });

  it('closes a client that sends faster than WS_MESSAGES_PER_SECOND (1008) or a message over WS_MAX_MESSAGE_BYTES (1009)', async () => {
    const { connect } = await listening({ WS_MESSAGES_PER_SECOND: '1', WS_MESSAGE_BURST: '3', WS_MAX_MESSAGE_BYTES: '256' });
    const flooding = await connect(); // connection_init took one token
    for (let i = 0; i < 4; i++) flooding.send({ type: 'ping' });
    expect(await flooding.closed).toEqual({ code: 1008, reason: 'message rate limit exceeded' });
    const big = await connect();
    big.subscribe('big', `subscription { anything { id ${'field '.repeat(60)}} }`);
    expect((await big.closed).code).toBe(1009);
  });
});

// The /ws endpoint and protocol v1, on a topic of the tests' own (support/websocket-topics.ts): each
// resource's topic has its own test (test/features/<resource>/websocket.test.ts).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { asResourceEventBus } from '../src/core/events.js';
import apiWebsocket, { websocketApi } from '../src/modules/api-websocket/index.js';
import { resourceTopics } from '../src/modules/api-websocket/resource-topics.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { withFakeAuth } from './support/fake-auth.js';
import { captureLogs } from './support/log-capture.js';
import { createWidgetsService, type Widget } from './support/widgets.js';
import { connect, type TestClient } from './support/websocket-client.js';
import { WIDGETS_TOPIC, widgetsTopic, withWidgetsTopic } from './support/websocket-topics.js';

const opened: BuiltApp[] = [];
const clients: TestClient[] = [];

/** The app with /ws serving the widgets topic too (options.modules: the modules to start from). */
async function start(env: Record<string, string> = {}, options: Parameters<typeof testApp>[1] = {}): Promise<{ built: BuiltApp; url: string }> {
  const built = await testApp({ RATE_LIMIT_MAX: '1000', ...env }, { ...options, modules: options.modules ?? withWidgetsTopic() });
  const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
  return { built, url: `${address.replace('http', 'ws')}/ws` };
}

/** A fresh app, closed after the test: for tests that change settings or count metrics. */
async function listening(env: Record<string, string> = {}, options: Parameters<typeof testApp>[1] = {}): Promise<{ built: BuiltApp; url: string }> {
  const started = await start(env, options);
  opened.push(started.built);
  return started;
}

/** One app with the default settings for the tests that only exchange messages. */
let sharedApp: Promise<{ built: BuiltApp; url: string }> | undefined;
const shared = () => (sharedApp ??= start());
afterAll(async () => {
  if (sharedApp) await (await sharedApp).built.app.close();
});

async function client(url: string, options: ConstructorParameters<typeof TestClient>[1] = {}): Promise<TestClient> {
  const connected = await connect(url, options);
  clients.push(connected);
  return connected;
}

const topic = WIDGETS_TOPIC;
const subscribe = { v: 1, type: 'subscribe', topic };

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(opened.splice(0).map((b) => b.app.close()));
});

describe('WebSocket API', () => {
  it('acknowledges a subscription and streams the created, updated and deleted records of its topic', async () => {
    const { built, url } = await shared();
    const widgets = createWidgetsService(built);
    const ws = await client(url);
    expect(await ws.request({ ...subscribe, id: 'sub-1' })).toEqual({ v: 1, type: 'subscribed', topic, id: 'sub-1' });

    const widget = await widgets.create({ name: 'live', description: 'hello' });
    expect(await ws.next()).toEqual({ v: 1, type: 'event', topic, event: 'widget.created', data: widget });
    const updated = await widgets.update(widget.id, { description: 'changed' });
    expect(await ws.next()).toEqual({ v: 1, type: 'event', topic, event: 'widget.updated', data: updated });
    await widgets.delete(widget.id);
    expect(await ws.next()).toEqual({ v: 1, type: 'event', topic, event: 'widget.deleted', data: { id: widget.id } });

    expect(await ws.request({ v: 1, type: 'unsubscribe', topic })).toEqual({ v: 1, type: 'unsubscribed', topic });
    await widgets.create({ name: 'unseen', description: '' });
    expect(await ws.request({ v: 1, type: 'ping', id: 'p' })).toEqual({ v: 1, type: 'pong', id: 'p' }); // no event came first
  });

  it('sends events only to subscribed clients', async () => {
    const { built, url } = await shared();
    const [subscriber, bystander] = [await client(url), await client(url)];
    await subscriber.request(subscribe);
    await createWidgetsService(built).create({ name: 'one', description: '' });
    expect((await subscriber.next()).event).toBe('widget.created');
    expect(await bystander.request({ v: 1, type: 'ping' })).toEqual({ v: 1, type: 'pong' });
  });

  it('answers a subscription to a topic it does not have with unknown_topic, naming it and every topic', async () => {
    const { url } = await shared();
    const ws = await client(url);
    const reply = await ws.request({ v: 1, type: 'subscribe', topic: 'no-such-topic', id: 's' });
    expect(reply).toMatchObject({ v: 1, type: 'error', code: 'unknown_topic', id: 's' });
    const topics = [...resourceTopics.map((t) => t.name), topic];
    expect(reply.message).toBe(`unknown topic "no-such-topic": the topics are ${topics.join(', ')}`);
    expect((await ws.request({ v: 1, type: 'unsubscribe', topic: 7 })).message).toBe(`topic must be a string: the topics are ${topics.join(', ')}`);
    const long = await ws.request({ v: 1, type: 'subscribe', topic: 'x'.repeat(500) }); // quoted up to 64 characters
    expect(long.message).toBe(`unknown topic "${'x'.repeat(64)}…": the topics are ${topics.join(', ')}`);
  });

  it('still serves /ws without any topic (a project with no resources): every subscription is an unknown topic', async () => {
    const { url } = await listening({}, { modules: modules.map((m) => (m === apiWebsocket ? websocketApi([]) : m)) });
    const ws = await client(url);
    expect(await ws.request(subscribe)).toEqual({ v: 1, type: 'error', code: 'unknown_topic', message: `unknown topic "${topic}": this server has no topics` });
    expect(await ws.request({ v: 1, type: 'ping' })).toEqual({ v: 1, type: 'pong' });
  });

  it('refuses a topic declared twice', () => {
    expect(() => websocketApi([widgetsTopic, widgetsTopic])).toThrow(`WebSocket topic "${topic}" is declared twice`);
  });

  it('answers malformed messages with error codes and keeps the connection open', async () => {
    const { url } = await shared();
    const ws = await client(url);
    const error = (code: string) => expect.objectContaining({ v: 1, type: 'error', code, message: expect.any(String) });
    ws.socket.send('{not json');
    expect(await ws.next()).toEqual(error('invalid_json'));
    expect(await ws.request([1, 2])).toEqual(error('invalid_message'));
    expect(await ws.request({ v: 2, type: 'subscribe', topic, id: 'x' })).toEqual(expect.objectContaining({ code: 'unsupported_version', id: 'x' }));
    expect(await ws.request({ v: 1, type: 'publish' })).toEqual(error('unknown_type'));
    expect(await ws.request({ v: 1, type: 'subscribe', topic: 'no-such-topic' })).toEqual(error('unknown_topic'));
    expect(await ws.request({ v: 1, type: 'ping', id: 'x'.repeat(65) })).toEqual(error('invalid_message'));
    ws.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await ws.next()).toEqual(error('invalid_message'));
    expect(await ws.request({ v: 1, type: 'ping' })).toEqual({ v: 1, type: 'pong' });
  });

  it('authenticates the upgrade: a bad token gets 401, a good one connects as its principal, none as anonymous', async () => {
    const logs = captureLogs();
    const { url } = await listening({ LOG_LEVEL: 'info' }, { modules: withWidgetsTopic(withFakeAuth(modules)), logStream: logs.stream });
    await expect(connect(url, { headers: { authorization: 'Bearer bad-token' } })).rejects.toThrow('upgrade refused: 401');
    const authenticated = await client(url, { headers: { authorization: 'Bearer good-token' } });
    expect(await authenticated.request(subscribe)).toMatchObject({ type: 'subscribed' });
    const anonymous = await client(url);
    expect(await anonymous.request(subscribe)).toMatchObject({ type: 'subscribed' });
    const connected = logs.lines.filter((l) => l.msg === 'websocket connected');
    expect(connected.map((l) => l.principal)).toEqual(['user-1', undefined]);
    expect(connected[0]).toMatchObject({ request_id: expect.any(String), component: 'websocket' });
  });

  it('counts the upgrade against the HTTP rate limit', async () => {
    const { url } = await listening({ RATE_LIMIT_MAX: '1' });
    await client(url);
    await expect(connect(url)).rejects.toThrow('upgrade refused: 429');
  });

  it('drops messages over the per-connection rate with an error, then closes a client that keeps flooding (1008)', async () => {
    const { url } = await listening({ WS_MESSAGES_PER_SECOND: '1', WS_MESSAGE_BURST: '2' });
    const ws = await client(url);
    for (let i = 0; i < 3; i++) ws.sendJson({ v: 1, type: 'ping', id: String(i) });
    expect([await ws.next(), await ws.next(), await ws.next()]).toEqual([
      { v: 1, type: 'pong', id: '0' },
      { v: 1, type: 'pong', id: '1' },
      expect.objectContaining({ type: 'error', code: 'rate_limited' }),
    ]);
    for (let i = 0; i < 3; i++) ws.sendJson({ v: 1, type: 'ping' });
    expect(await ws.closed).toEqual({ code: 1008, reason: 'message rate limit exceeded' });
  });

  it('closes a connection that sends a message over WS_MAX_MESSAGE_BYTES (1009)', async () => {
    const { url } = await listening({ WS_MAX_MESSAGE_BYTES: '64' });
    const ws = await client(url);
    ws.sendJson({ v: 1, type: 'ping', id: 'x'.repeat(60) });
    expect((await ws.closed).code).toBe(1009);
  });

  it('closes a slow consumer (1013) once its unsent bytes pass WS_MAX_BUFFERED_BYTES', async () => {
    const { built, url } = await listening({ WS_MAX_BUFFERED_BYTES: '1024' });
    const ws = await client(url);
    await ws.request(subscribe);
    ws.socket.pause(); // stop reading: the server's queue for this client grows
    const big: Widget = { id: 'w', name: 'big', description: 'x'.repeat(10_000), size: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    const events = asResourceEventBus(built.ctx.events);
    const closing = () => [...built.app.websocketServer.clients].some((c) => c.readyState === c.CLOSING);
    // The kernel's socket buffers take a few MB before anything stays in the server's queue.
    let sent = 0;
    while (sent < 5000 && !closing()) {
      await events.emit('widget.created', big);
      sent += 1;
    }
    expect(closing(), `still open after ${sent} events of 10 kB`).toBe(true);
    ws.socket.resume();
    expect(await ws.closed).toEqual({ code: 1013, reason: 'slow consumer: send buffer full' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await built.ctx.metrics.getSingleMetricAsString('websocket_disconnects_total')).toContain('websocket_disconnects_total{endpoint="/ws",reason="slow_consumer"} 1');
  });

  it('disconnects a client that stops answering pings and keeps one that answers', async () => {
    const { url } = await listening({ WS_HEARTBEAT_SECONDS: '1' });
    const silent = await client(url, { autoPong: false });
    const healthy = await client(url);
    expect((await silent.closed).code).toBe(1006); // terminated: no close frame for a dead peer
    await new Promise((r) => setTimeout(r, 1100)); // one more heartbeat
    expect(await healthy.request({ v: 1, type: 'ping' })).toEqual({ v: 1, type: 'pong' });
  });

  it('exposes connections, messages and disconnects as metrics', async () => {
    const { built, url } = await listening();
    const ws = await client(url);
    await ws.request(subscribe);
    await ws.request({ v: 1, type: 'nope' });
    const scrape = async () => (await built.app.inject('/metrics')).body;
    let text = await scrape();
    expect(text).toMatch(/^websocket_connections\{endpoint="\/ws"\} 1$/m);
    expect(text).toMatch(/^websocket_messages_received_total\{endpoint="\/ws",type="subscribe",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^websocket_messages_received_total\{endpoint="\/ws",type="invalid",outcome="error"\} 1$/m);
    expect(text).toMatch(/^websocket_messages_sent_total\{endpoint="\/ws",type="subscribed"\} 1$/m);
    await ws.close();
    await new Promise((r) => setTimeout(r, 50));
    text = await scrape();
    expect(text).toMatch(/^websocket_connections\{endpoint="\/ws"\} 0$/m);
    expect(text).toMatch(/^websocket_disconnects_total\{endpoint="\/ws",reason="client"\} 1$/m);
  });

  it('closes every client with 1001 (going away) on shutdown', async () => {
    const { built, url } = await listening();
    const ws = await client(url);
    await ws.request(subscribe);
    await built.app.close();
    expect(await ws.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});

import { describe, expect, it, onTestFinished } from 'vitest';
import type { BuiltApp } from '../../../src/app.js';
import { asResourceEventBus } from '../../../src/core/events.js';
import { resourceFeed, type ResourceChange, type ResourceFeed } from '../../../src/core/resources/resource-feed.js';
import { LocalBroadcast } from '../../../src/core/broadcast.js';
import { coreRuntimes, testModules } from '../../support/app.js';
import { testModule } from '../../support/modules.js';
import { captureLogs } from '../../support/log-capture.js';
import { createWidgetsService, type Widget } from '../../support/widgets.js';

// The core runtime alone: a streaming API module in the stack would start the feeds it uses.
const runtime = coreRuntimes();

type WidgetChange = ResourceChange<Widget, 'widget'>;
const widgetsFeed = (built: BuiltApp): Promise<ResourceFeed<Widget, 'widget'>> => resourceFeed(built.app, { channel: 'widgets', singular: 'widget' });

describe('resource feed', () => {
  it('streams every change made through the service, in order, until the subscriber stops', async () => {
    const built = await runtime();
    const service = createWidgetsService(built);
    const changes: WidgetChange[] = [];
    const stop = (await widgetsFeed(built)).subscribe((c) => void changes.push(c));
    const widget = await service.create({ name: 'a', description: '' });
    const updated = await service.update(widget.id, { name: 'b' });
    await service.delete(widget.id);
    stop();
    await service.create({ name: 'after stop', description: '' });
    expect(changes).toEqual([
      { event: 'widget.created', data: widget },
      { event: 'widget.updated', data: updated },
      { event: 'widget.deleted', data: { id: widget.id } },
    ]);
  });

  it('is started once per app and channel, so a change is published once however many modules use it', async () => {
    const built = await runtime();
    const published: string[] = [];
    await built.app.broadcast.subscribe('widgets', (m) => void published.push(m));
    expect(await widgetsFeed(built)).toBe(await widgetsFeed(built));
    expect(await resourceFeed(built.app, { channel: 'gadgets', singular: 'gadget' })).not.toBe(await widgetsFeed(built));
    await createWidgetsService(built).create({ name: 'once', description: '' });
    expect(published).toHaveLength(1);
  });

  it('still delivers on this instance when publishing fails, with a warning', async () => {
    const logs = captureLogs();
    const local = new LocalBroadcast();
    const failingPublish = testModule('failing-publish', (app) => {
      app.decorate('broadcast', {
        kind: 'down',
        publish: async () => Promise.reject(new Error('transport down')),
        subscribe: (channel, listener) => local.subscribe(channel, listener),
      });
    });
    const built = await testModules([failingPublish], { LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    onTestFinished(() => built.app.close());
    const changes: WidgetChange[] = [];
    (await widgetsFeed(built)).subscribe((c) => void changes.push(c));
    const widget: Widget = { id: 'w1', name: 'kept', description: '', size: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    await asResourceEventBus(built.ctx.events).emit('widget.created', widget);
    expect(changes).toEqual([{ event: 'widget.created', data: widget }]);
    expect(logs.lines.find((l) => l.msg === 'feed publish failed; delivered on this instance only')).toMatchObject({
      channel: 'widgets',
      broadcast: 'down',
      event: 'widget.created',
    });
  });

  it('isolates a failing subscriber from the others', async () => {
    const built = await runtime();
    const feed = await widgetsFeed(built);
    feed.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const changes: WidgetChange[] = [];
    feed.subscribe((c) => void changes.push(c));
    await createWidgetsService(built).create({ name: 'fine', description: '' });
    expect(changes).toHaveLength(1);
  });

  it('drops a message it cannot read, with a warning, and goes on', async () => {
    const logs = captureLogs();
    const built = await runtime({ LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    const changes: WidgetChange[] = [];
    (await widgetsFeed(built)).subscribe((c) => void changes.push(c));
    await built.app.broadcast.publish('widgets', 'not json');
    await createWidgetsService(built).create({ name: 'after', description: '' });
    expect(logs.lines.some((l) => l.msg === 'dropped an unreadable feed message' && l.channel === 'widgets')).toBe(true);
    expect(changes.map((c) => c.event)).toEqual(['widget.created']);
  });

  it('stops listening to the Broadcast when the app closes', async () => {
    const built = await testModules([]);
    const { broadcast } = built.app;
    const changes: WidgetChange[] = [];
    (await widgetsFeed(built)).subscribe((c) => void changes.push(c));
    const widget: Widget = { id: 'w1', name: 'a', description: '', size: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    await broadcast.publish('widgets', JSON.stringify({ event: 'widget.created', data: widget }));
    await built.app.close();
    await broadcast.publish('widgets', JSON.stringify({ event: 'widget.updated', data: widget }));
    expect(changes.map((c) => c.event)).toEqual(['widget.created']);
  });

  it('stops listening before the module that provides the Broadcast closes it', async () => {
    const local = new LocalBroadcast();
    let closed = false;
    const closingBroadcast = testModule('closing-broadcast', (app) => {
      app.decorate('broadcast', {
        kind: 'closing',
        publish: (channel, message) => local.publish(channel, message),
        async subscribe(channel, listener) {
          const unsubscribe = await local.subscribe(channel, listener);
          return async () => {
            if (closed) throw new Error('unsubscribed after the broadcast closed');
            await unsubscribe();
          };
        },
      });
      app.addHook('onClose', async () => {
        closed = true;
      });
    });
    const built = await testModules([closingBroadcast]);
    await widgetsFeed(built);
    await expect(built.app.close()).resolves.toBeUndefined();
  });
});

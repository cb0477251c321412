// A WebSocket topic the protocol tests declare for themselves, over the widgets of widgets.ts, so they pass
// whichever resources the project has (none too). Its name cannot be a resource's: resources are camelCase.
import type { AppModule } from '../../src/core/context.js';
import { resourceFeed } from '../../src/core/resources/resource-feed.js';
import apiWebsocket, { websocketApi, type WebSocketTopic } from '../../src/modules/api-websocket/index.js';
import { resourceTopics } from '../../src/modules/api-websocket/resource-topics.js';
import { modules as appModules } from '../../src/modules.js';
import type { Widget } from './widgets.js';

export const WIDGETS_TOPIC = 'test-widgets';

export const widgetsTopic: WebSocketTopic = {
  name: WIDGETS_TOPIC,
  feed: (app) => resourceFeed<Widget, 'widget'>(app, { channel: WIDGETS_TOPIC, singular: 'widget' }),
};

/** The modules (the app's by default) with /ws serving the widgets topic beside every resource's. */
export const withWidgetsTopic = (modules: AppModule[] = appModules): AppModule[] =>
  modules.map((module) => (module === apiWebsocket ? websocketApi([...resourceTopics, widgetsTopic]) : module));

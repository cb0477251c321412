import { defineModule } from '../../define.js';

export default defineModule({
  id: 'api/websocket',
  title: 'WebSocket API',
  requires: ['transport/websocket'], // the connection limits (WS_*), heartbeat and metrics are the transport's
  devDependencies: ['ws'], // the tests connect with the `ws` client
  fills: 'api',
  register: { name: 'apiWebsocket', from: './modules/api-websocket/index.js' },
});

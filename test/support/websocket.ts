// A WebSocket subscriber to a topic of a generated app's /ws (a resource's plural), with the stock `ws` client.
import WebSocket from 'ws';

export interface TopicSubscriber {
  /** Resolves with the first event message that matches. */
  event(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Connects, subscribes to `topic` and waits for the acknowledgement. */
export async function subscribeToTopic(baseUrl: string, topic: string, headers: Record<string, string> = {}): Promise<TopicSubscriber> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers });
  const received: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const listener of listeners) listener();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  const event: TopicSubscriber['event'] = (match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching WebSocket message in ${timeoutMs} ms; got ${JSON.stringify(received)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ v: 1, type: 'subscribe', topic }));
  await event((m) => m.type === 'subscribed');
  return { event, closed, close: () => socket.close() };
}

/** The sample's topic. */
export const subscribeToNotes = (baseUrl: string, headers: Record<string, string> = {}): Promise<TopicSubscriber> => subscribeToTopic(baseUrl, 'notes', headers);

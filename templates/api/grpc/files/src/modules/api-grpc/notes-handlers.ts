// notes.v1.NotesService over the notes service: the same rules, cache and events as every API style.
import { status } from '@grpc/grpc-js';
import type { AppContext } from '../../core/context.js';
import type { NotePatch } from '../../core/ports.js';
import { ID_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, type NotesFeed, type NotesService } from '../../features/notes/index.js';
import type { CallAdapters } from './call.js';
import { requirePrincipal } from './access.js';
import { toNoteMessage } from './codec.js';
import { GrpcError } from './errors.js';
import type { NotesServiceHandlers } from './generated/notes/v1/NotesService.js';
import { NOTES_SERVICE } from './proto.js';
import type { WatchRegistry } from './watches.js';

const rpc = (method: string, type: 'unary' | 'server_stream' = 'unary') => ({ service: NOTES_SERVICE, method, type }) as const;

// The id is the client's: quoted whole only when it could be an id, since details travel in a trailer.
const notFound = (id: string) => new GrpcError(status.NOT_FOUND, `Note ${id.length <= ID_MAX ? id : `${id.slice(0, 32)}… (${id.length} characters)`} not found`);

function pageSize(requested: number): number {
  if (requested < 0 || requested > PAGE_LIMIT_MAX) throw new GrpcError(status.INVALID_ARGUMENT, `page_size must be between 0 and ${PAGE_LIMIT_MAX}, got ${requested}`);
  return requested === 0 ? PAGE_LIMIT_DEFAULT : requested;
}

export interface NotesHandlersDeps {
  ctx: AppContext;
  notes: NotesService;
  feed: NotesFeed;
  watches: WatchRegistry;
  adapters: CallAdapters;
}

export function notesHandlers({ ctx, notes, feed, watches, adapters }: NotesHandlersDeps): NotesServiceHandlers {
  const { unary, serverStream } = adapters;
  return {
    Get: unary(rpc('Get'), async ({ id }) => {
      const note = await notes.get(id);
      if (!note) throw notFound(id);
      return toNoteMessage(note);
    }),
    List: unary(rpc('List'), async ({ pageSize: size, pageToken }) => {
      const page = await notes.list({ limit: pageSize(size), after: pageToken || undefined });
      return { notes: page.items.map(toNoteMessage), nextPageToken: page.nextCursor ?? '' };
    }),
    Create: unary(rpc('Create'), async ({ title, body }, call) => {
      requirePrincipal(ctx, call);
      return toNoteMessage(await notes.create({ title, body }));
    }),
    Update: unary(rpc('Update'), async ({ id, title, body }, call) => {
      requirePrincipal(ctx, call);
      const patch: NotePatch = { ...(title === undefined ? {} : { title }), ...(body === undefined ? {} : { body }) };
      const note = await notes.update(id, patch);
      if (!note) throw notFound(id);
      return toNoteMessage(note);
    }),
    Delete: unary(rpc('Delete'), async ({ id }, call) => {
      requirePrincipal(ctx, call);
      if (!(await notes.delete(id))) throw notFound(id);
      return {};
    }),
    Watch: serverStream(rpc('Watch', 'server_stream'), (_request, call, stream) => watches.watch(feed, call, stream)),
  };
}

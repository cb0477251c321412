export { CURSOR_MAX, CURSOR_PATTERN, cursorOf, decodeCursor, type CursorPosition } from './cursor.js';
export { notesFeed, NOTES_CHANNEL, type NoteChange, type NotesFeed } from './feed.js';
export { createNotesService, type NotesService } from './service.js';
export { BODY_MAX, checkPageLimit, checkText, ID_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, TEXT_PATTERN, TITLE_MAX } from './rules.js';
import type { NotesService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by app.ts after the infra modules registered, before the api modules. */
    notesService: NotesService;
  }
}

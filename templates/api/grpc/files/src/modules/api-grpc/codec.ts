// Domain notes to notes.v1 messages: the same fields, the same RFC 3339 times.
import type { Note } from '../../core/ports.js';
import type { Note as NoteMessage } from './generated/notes/v1/Note.js';

export const toNoteMessage = ({ id, title, body, createdAt, updatedAt }: Note): NoteMessage => ({ id, title, body, createdAt, updatedAt });

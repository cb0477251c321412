import type { Note } from '../../core/ports.js';

/** Thrown for jobs that must not be retried (unknown name, bad payload). */
export class PermanentJobError extends Error {}

export interface NoteSummary {
  noteId: string;
  words: number;
  characters: number;
  excerpt: string;
}

export function summarizeNote(note: Pick<Note, 'id' | 'title' | 'body'>): NoteSummary {
  const text = `${note.title}\n${note.body}`.trim();
  const words = text.split(/\s+/u).filter(Boolean).length;
  const flat = note.body.replace(/\s+/gu, ' ').trim();
  return { noteId: note.id, words, characters: text.length, excerpt: flat.length > 80 ? `${flat.slice(0, 79)}…` : flat };
}

export type JobProcessor = (name: string, data: unknown) => Promise<unknown>;

export type JobLog = (summary: NoteSummary) => void;

/** Dispatches by job name; pure apart from the log callback. */
export const createJobProcessor =
  (log: JobLog): JobProcessor =>
  async (name, data) => {
    if (name !== 'note.created') throw new PermanentJobError(`unknown job "${name}"`);
    const note = data as Partial<Note> | null;
    if (typeof note?.id !== 'string' || typeof note.title !== 'string' || typeof note.body !== 'string') {
      throw new PermanentJobError('note.created job without a note');
    }
    const summary = summarizeNote({ id: note.id, title: note.title, body: note.body });
    log(summary);
    return summary;
  };

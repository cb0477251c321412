// Domain rules for notes, shared by the service and the API schemas.
import { HttpProblem } from '../../core/errors.js';
import type { NoteInput, NotePatch } from '../../core/ports.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0) throw new HttpProblem(422, 'title must not be blank');
  if (trimmed.length > TITLE_MAX) throw new HttpProblem(422, `title must be at most ${TITLE_MAX} characters`);
  return trimmed;
}

function checkBody(body: string): string {
  if (body.length > BODY_MAX) throw new HttpProblem(422, `body must be at most ${BODY_MAX} characters`);
  return body;
}

export function normalizeInput(input: NoteInput): NoteInput {
  return { title: checkTitle(input.title), body: checkBody(input.body) };
}

export function normalizePatch(patch: NotePatch): NotePatch {
  const out: NotePatch = {};
  if (patch.title !== undefined) out.title = checkTitle(patch.title);
  if (patch.body !== undefined) out.body = checkBody(patch.body);
  if (out.title === undefined && out.body === undefined) throw new HttpProblem(422, 'patch must change title or body');
  return out;
}

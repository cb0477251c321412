// Domain rules for notes, shared by the service and the API schemas: every API style gets them.
import { HttpProblem } from '../../core/errors.js';
import type { NoteInput, NotePatch } from '../../core/ports.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const ID_MAX = 128;
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

// NUL (PostgreSQL cannot store it), C0 controls but tab/LF/CR, DEL and C1 controls, bidi overrides and
// isolates (text that displays differently from what it is), and unpaired UTF-16 surrogates (no UTF-8
// encoding exists: drivers would store U+FFFD instead). With the u flag a paired surrogate is one code
// point outside U+D800-U+DFFF, so only unpaired ones match.
const FORBIDDEN_CLASS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF';
const FORBIDDEN = new RegExp(`[${FORBIDDEN_CLASS}]`, 'u');

/** JSON Schema `pattern` (ECMAScript regex, u flag) of text the rule accepts, for API schemas. */
export const TEXT_PATTERN = `^[^${FORBIDDEN_CLASS}]*$`;

/** The first character the rule refuses, as "U+XXXX at index n", or undefined when the text is fine. */
export function forbiddenCharacterIn(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at index ${match.index}`;
}

/** Throws 422 naming the field and the character's code point, never echoing the client's text. */
export function checkText(field: string, text: string): string {
  const found = forbiddenCharacterIn(text);
  if (found) {
    throw new HttpProblem(422, `${field} contains ${found}: control characters, bidi overrides and unpaired surrogates are not allowed`);
  }
  return text;
}

function checkTitle(title: string): string {
  const trimmed = checkText('title', title).trim();
  if (trimmed.length === 0) throw new HttpProblem(422, 'title must not be blank');
  if (trimmed.length > TITLE_MAX) throw new HttpProblem(422, `title must be at most ${TITLE_MAX} characters`);
  return trimmed;
}

function checkBody(body: string): string {
  if (body.length > BODY_MAX) throw new HttpProblem(422, `body must be at most ${BODY_MAX} characters`);
  return checkText('body', body);
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

/** Throws 400 unless the page size is an integer from 1 to PAGE_LIMIT_MAX. */
export function checkPageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    throw new HttpProblem(400, `limit must be an integer from 1 to ${PAGE_LIMIT_MAX}`, { title: 'Invalid page size' });
  }
  return limit;
}

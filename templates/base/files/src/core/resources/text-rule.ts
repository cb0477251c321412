// The text rule every string a client sends must pass (field values, ids, cursors), in every API style
// and store, so what one style accepts another can store and return unchanged.
import { HttpProblem } from '../errors.js';

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

// What the sample jobs compute: a summary of a record's text.
export interface TextSummary {
  words: number;
  characters: number;
  /** The text on one line, cut at 80 characters. */
  excerpt: string;
}

const EXCERPT_MAX = 80;

export function summarizeText(parts: readonly string[]): TextSummary {
  const text = parts.join('\n').trim();
  const words = text.split(/\s+/u).filter(Boolean).length;
  const flat = text.replace(/\s+/gu, ' ');
  return { words, characters: text.length, excerpt: flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat };
}

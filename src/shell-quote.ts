// Quotes one word for a POSIX shell, only when it needs it: `my-api` stays as is, `it's/api`
// becomes "it's/api", and anything with $, `, \, " or ! is single-quoted.
const SAFE = /^[\w@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  if (!/[$`\\"!]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

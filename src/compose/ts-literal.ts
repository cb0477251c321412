/** A TypeScript (single-quoted) string literal of `text`, as the templates write them. */
export const tsStringLiteral = (text: string): string => `'${text.replace(/[\\']/g, '\\$&')}'`;

// Reads `tsc --pretty false` output: messages (a line and its indented continuation lines) with the
// file and line they name, and a batch program's messages charged to the file sets they belong to.

const LOCATED = /^(.+?)\((\d+),\d+\): error TS\d+: /;

export interface TscMessage {
  /** '' when the message names no file. */
  file: string;
  /** 0 when the message names no file. */
  line: number;
  text: string[];
}

/** Any other non-blank line (a crash, an exit-code note) is a message naming no file: never dropped. */
export function tscMessages(lines: readonly string[]): TscMessage[] {
  const messages: TscMessage[] = [];
  for (const text of lines) {
    if (text.trim() === '') continue;
    if (/^\s/.test(text) && messages.length > 0) messages.at(-1)!.text.push(text); // continuation of the message above
    else {
      const located = LOCATED.exec(text);
      messages.push({ file: located?.[1] ?? '', line: Number(located?.[2] ?? 0), text: [text] });
    }
  }
  return messages;
}

/**
 * Error messages by set key. A located error belongs to the set whose folder (the first path
 * segment) holds the file; an error outside every set (no location, or in a shared file) is
 * charged to every set, so nothing is ever dropped.
 */
export function errorsBySet(output: string, keys: readonly string[]): Map<string, string[]> {
  const known = new Set(keys);
  const bySet = new Map<string, string[]>();
  const charge = (key: string, message: string[]) => bySet.set(key, [...(bySet.get(key) ?? []), ...message]);
  for (const { file, text } of tscMessages(output.split('\n'))) {
    const owner = file.split('/')[0]!;
    if (known.has(owner)) charge(owner, [text[0]!.slice(owner.length + 1), ...text.slice(1)]);
    else for (const key of keys) charge(key, text);
  }
  return bySet;
}

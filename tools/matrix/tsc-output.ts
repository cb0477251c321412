// Reads `tsc --pretty false` output of a batch program and gives each file set its own errors.

const LOCATED = /^(.+?)\(\d+,\d+\): error TS\d+: /;

/**
 * Error messages by set key. A located error belongs to the set whose folder (the first path
 * segment) holds the file; an error outside every set (no location, or in a shared file) is
 * charged to every set, so nothing is ever dropped.
 */
export function errorsBySet(output: string, keys: readonly string[]): Map<string, string[]> {
  const known = new Set(keys);
  const bySet = new Map<string, string[]>();
  const charge = (key: string, message: string[]) => bySet.set(key, [...(bySet.get(key) ?? []), ...message]);
  const messages: string[][] = [];
  for (const line of output.split('\n')) {
    if (/^\s/.test(line) && messages.length > 0) messages.at(-1)!.push(line); // continuation of the message above
    else if (line.includes('error TS')) messages.push([line]);
  }
  for (const message of messages) {
    const owner = LOCATED.exec(message[0]!)?.[1]?.split('/')[0];
    if (owner && known.has(owner)) charge(owner, [message[0]!.slice(owner.length + 1), ...message.slice(1)]);
    else for (const key of keys) charge(key, message);
  }
  return bySet;
}

// Carries the generator's own changes (old output -> new output) over to a file the user edited,
// like a three-way merge that refuses rather than guesses: each changed block of the old output
// must stand unchanged and exactly once in the user's file, and each pure addition must have an
// unambiguous place there. Otherwise the merge returns undefined and the caller asks for a manual step.

export interface Hunk {
  /** Range of old lines [start, end) replaced by `lines`; start === end for a pure addition. */
  start: number;
  end: number;
  lines: string[];
}

/** Longest-common-subsequence diff of two short line lists, as hunks over the old lines. */
export function hunksBetween(from: string[], to: string[]): Hunk[] {
  const n = from.length;
  const m = to.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = from[i] === to[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && from[i] === to[j]) {
      current = undefined;
      i++;
      j++;
      continue;
    }
    if (!current) hunks.push((current = { start: i, end: i, lines: [] }));
    if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) current.lines.push(to[j++]!);
    else current.end = ++i;
  }
  return hunks;
}

function occurrences(lines: string[], block: string[]): number[] {
  const found: number[] = [];
  for (let index = 0; index + block.length <= lines.length; index++) {
    if (block.every((line, k) => lines[index + k] === line)) found.push(index);
  }
  return found;
}

const only = (found: number[]) => (found.length === 1 ? found[0] : undefined);

/** Where in the user's lines an addition at old index `at` goes, or undefined when not unique. */
function placeAddition(old: string[], user: string[], at: number): number | undefined {
  if (at === 0) return 0;
  if (at === old.length) return user.length;
  const [before, after] = [old[at - 1]!, old[at]!];
  const adjacent = only(occurrences(user, [before, after]));
  if (adjacent !== undefined) return adjacent + 1;
  const following = only(occurrences(user, [after]));
  if (following !== undefined) return following;
  const preceding = only(occurrences(user, [before]));
  return preceding === undefined ? undefined : preceding + 1;
}

/** A line's substance: without indentation and a trailing comma or semicolon. */
const substance = (line: string) => line.trim().replace(/[,;]$/, '');

/**
 * The user already made this change, e.g. by following a manual step, maybe in their own layout
 * (`queueBullmq` added to an array they keep on one line): every line the generator adds that the
 * old output did not have anywhere stands in the file (as a line, or its substance within one), and
 * none of the lines it removes is left, not even within a line. Such a hunk is skipped instead of applied twice. Lines the old
 * output had too (`}`, `];`) prove nothing and are not looked at; a hunk of only those never counts.
 */
function alreadyApplied(user: string[], old: string[], hunk: Hunk): boolean {
  const text = user.join('\n');
  const removed = old.slice(hunk.start, hunk.end).filter((line) => line.trim() !== '');
  const distinctive = hunk.lines.filter((line) => line.trim() !== '' && !old.includes(line));
  if (distinctive.length === 0 && (hunk.lines.some((line) => line.trim() !== '') || removed.length === 0)) return false;
  const added = distinctive.every((line) => user.includes(line) || text.includes(substance(line)));
  return added && removed.every((line) => !user.includes(line) && !text.includes(substance(line)));
}

/**
 * @param oldGenerated what the generator wrote before (the user's starting point)
 * @param newGenerated what the generator writes now
 * @param user the file as the user has it
 * @returns the user's file with the generator's changes, or undefined when that cannot be done safely
 */
export function mergeGeneratedChanges(oldGenerated: string, newGenerated: string, user: string): string | undefined {
  const old = oldGenerated.split('\n');
  const result = user.split('\n');
  const edits: { from: number; to: number; lines: string[]; order: number }[] = [];
  for (const [order, hunk] of hunksBetween(old, newGenerated.split('\n')).entries()) {
    if (alreadyApplied(result, old, hunk)) continue;
    const from = hunk.start === hunk.end ? placeAddition(old, result, hunk.start) : only(occurrences(result, old.slice(hunk.start, hunk.end)));
    if (from === undefined) return undefined;
    edits.push({ from, to: from + (hunk.end - hunk.start), lines: hunk.lines, order });
  }
  // Apply bottom-up so earlier indices stay valid; refuse overlapping edits.
  edits.sort((a, b) => b.from - a.from || b.order - a.order);
  for (let k = 1; k < edits.length; k++) if (edits[k]!.to > edits[k - 1]!.from) return undefined;
  for (const edit of edits) result.splice(edit.from, edit.to - edit.from, ...edit.lines);
  return result.join('\n');
}

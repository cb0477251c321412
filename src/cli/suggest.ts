// "Did you mean ...?" for mistyped flags, values, categories and commands.

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidates `input` most likely meant, compared case-insensitively: the one it abbreviates or
 * extends ("post", "postgresql" -> postgres), else the nearest within a third of its length (at least
 * one edit: "dbb" -> db, "redsi" -> redis). Empty when nothing is close.
 */
export function closest(input: string, candidates: readonly string[]): string[] {
  const typed = input.toLowerCase();
  if (typed === '') return [];
  const exact = candidates.filter((c) => c.toLowerCase() === typed);
  if (exact.length > 0) return exact;
  if (typed.length >= 2) {
    const affixed = candidates.filter((c) => c.toLowerCase().startsWith(typed) || (c.length >= 2 && typed.startsWith(c.toLowerCase())));
    if (affixed.length === 1) return affixed;
  }
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best = Number.POSITIVE_INFINITY;
  let nearest: string[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance > limit || distance > best) continue;
    if (distance < best) (best = distance), (nearest = []);
    nearest.push(candidate);
  }
  return nearest.slice(0, 3);
}

/** " Did you mean --db?" (with `show` applied to each candidate), or "" when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[], show: (candidate: string) => string = (c) => c): string {
  const matches = closest(input, candidates);
  if (matches.length === 0) return '';
  const shown = matches.map(show);
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
  return ` Did you mean ${list}?`;
}

// What every part of `npm run bench` takes and gives back: a shared work folder, and a section of
// BENCHMARKS.md (markdown under its own heading) plus the headline figures printed at the end.

export interface BenchContext {
  /** A fresh folder under ~/.cache/groundwork for this run's projects (removed afterwards). */
  work: string;
  /** How many measured rounds a repeated measurement takes (BENCH_ROUNDS, default 10). */
  rounds: number;
}

export interface BenchSection {
  title: string;
  /** Body of the section: tables and the sentences that say what was measured and how. */
  markdown: string;
  /** One-line results for the console summary, e.g. "default app: 0.82x bare Fastify req/s". */
  headlines: string[];
}

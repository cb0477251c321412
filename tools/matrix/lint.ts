// `biome lint` over every combination, each distinct file once. A lint verdict depends only on the
// file's path, its contents and the project's biome.json, so each distinct (biome.json, path,
// contents) is written once and linted in one Biome run; its findings are charged to every
// combination that has it. Files at the same path with different contents go to different layers:
// folders shaped like a project, each with its own copy of the biome.json as a nested config.
// The folder must not lie below a `.cache` (or `.yarn`) folder: Biome's scanner skips those when it
// looks for nested configs, and would then lint every layer with the defaults.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { node24Env } from '../../test/support/node24.js';

export const LINT_CONFIG = 'biome.json';

interface Entry {
  layer: string;
  contents: string;
}

interface BiomeDiagnostic {
  severity: string;
  message: string;
  category?: string;
  location?: { path?: string; start?: { line: number; column: number } };
}

interface BiomeReport {
  summary: { changed: number; unchanged: number };
  diagnostics: BiomeDiagnostic[];
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * The project's biome.json as a nested config of the run's folder (whose own root config selects
 * nothing else). `root: false` goes on the first line, so diagnostics keep the config's line numbers.
 */
function nestedConfig(contents: string, owner: string): string {
  let config: unknown;
  try {
    config = JSON.parse(contents);
  } catch (error) {
    throw new Error(`${owner}: ${LINT_CONFIG} is not plain JSON, which the matrix lint step needs: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error(`${owner}: ${LINT_CONFIG} is not a JSON object`);
  if ('root' in config) return `${JSON.stringify({ ...config, root: false }, null, 2)}\n`;
  return contents.replace(/^\s*\{/, '{ "root": false,');
}

export class LintRun<Owner> {
  readonly #entries = new Map<string, Entry>();
  /** Per config: path -> contents hash -> layer. */
  readonly #layers = new Map<string, Map<string, Map<string, string>>>();
  readonly #configs = new Map<string, string>();
  readonly #ownerEntries = new Map<Owner, string[]>();

  /** Distinct files to lint. */
  get size(): number {
    return this.#entries.size;
  }

  /** Records a composed project's files; returns a problem when it has no lint config. */
  add(owner: Owner, files: ReadonlyMap<string, string>, name: string): string | undefined {
    const config = files.get(LINT_CONFIG);
    if (config === undefined) return `no ${LINT_CONFIG}: the project has no lint configuration`;
    const configKey = hashOf(config);
    if (!this.#configs.has(configKey)) this.#configs.set(configKey, nestedConfig(config, name));
    const byPath = this.#layers.get(configKey) ?? new Map<string, Map<string, string>>();
    this.#layers.set(configKey, byPath);
    const keys: string[] = [];
    for (const [path, contents] of files) {
      if (path === LINT_CONFIG) continue;
      const versions = byPath.get(path) ?? new Map<string, string>();
      byPath.set(path, versions);
      const contentKey = hashOf(contents);
      let layer = versions.get(contentKey);
      if (layer === undefined) {
        layer = `${configKey}-${versions.size}`;
        versions.set(contentKey, layer);
        this.#entries.set(`${layer}/${path}`, { layer, contents });
      }
      keys.push(`${layer}/${path}`);
    }
    this.#ownerEntries.set(owner, keys);
    return undefined;
  }

  /** Lints every distinct file in `dir` (see above; removed first and afterwards); findings by owner, as `path:line:col rule message`. */
  async run(biome: string, dir: string): Promise<Map<Owner, string[]>> {
    await rm(dir, { recursive: true, force: true });
    const layers = new Set([...this.#entries.values()].map((entry) => entry.layer));
    const written = [
      ...[...this.#entries].map(([key, entry]) => [key, entry.contents] as const),
      ...[...layers].map((layer) => [`${layer}/${LINT_CONFIG}`, this.#configs.get(layer.split('-')[0]!)!] as const),
      // The run's own root config: every file it holds is selected by a layer's nested config.
      [LINT_CONFIG, '{ "root": true }\n'] as const,
    ];
    await Promise.all([...new Set(written.map(([path]) => dirname(join(dir, path))))].map((folder) => mkdir(folder, { recursive: true })));
    await Promise.all(written.map(([path, contents]) => writeFile(join(dir, path), contents)));
    const run = await execa(biome, ['lint', '--reporter=json', '--max-diagnostics=none', '--colors=off', '.'], { cwd: dir, env: node24Env(), reject: false, stdin: 'ignore' });
    let report: BiomeReport;
    try {
      report = JSON.parse(run.stdout) as BiomeReport;
    } catch {
      throw new Error(`biome lint in ${dir} exited ${run.exitCode} without a report:\n${run.stdout}\n${run.stderr}`);
    }
    if (report.summary.changed + report.summary.unchanged === 0 && this.#entries.size > 0) throw new Error(`biome lint in ${dir} checked no file:\n${run.stderr}`);
    const byEntry = new Map<string, string[]>();
    const byLayer = new Map<string, string[]>(); // findings in a layer's copy of the config
    const unplaced: string[] = [];
    const charge = (map: Map<string, string[]>, key: string, line: string) => map.set(key, [...(map.get(key) ?? []), line]);
    for (const diagnostic of report.diagnostics) {
      const path = diagnostic.location?.path?.replaceAll('\\', '/') ?? '';
      const layer = path.split('/')[0]!;
      const inner = path.slice(layer.length + 1);
      const at = diagnostic.location?.start ? `:${diagnostic.location.start.line}:${diagnostic.location.start.column}` : '';
      const line = `${inner || '(no file)'}${at} ${diagnostic.category ?? diagnostic.severity} ${diagnostic.message}`;
      if (this.#entries.has(path)) charge(byEntry, path, line);
      else if (inner === LINT_CONFIG && layers.has(layer)) charge(byLayer, layer, line);
      else unplaced.push(line);
    }
    const findingsOf = (keys: readonly string[]) => {
      const configCopies = new Set(keys.map((key) => key.split('/')[0]!));
      return [...new Set([...keys.flatMap((key) => byEntry.get(key) ?? []), ...[...configCopies].flatMap((layer) => byLayer.get(layer) ?? []), ...unplaced])];
    };
    await rm(dir, { recursive: true, force: true });
    return new Map(
      [...this.#ownerEntries].map(([owner, keys]) => [owner, findingsOf(keys)] as const),
    );
  }
}

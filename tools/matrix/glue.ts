// src/modules.ts is the one file that differs in every combination: the list of the stack's modules.
// Its exported type is annotated (`modules: AppModule[]`), so a file importing it sees that type and
// nothing of the list: to its importers, every combination's modules.ts is the same. Its own check
// splits by entry: `[a, b]` type-checks as `AppModule[]` exactly when each default import does.
// Both hold only for the generated shape, which is verified here; any other shape is checked whole.

export const GLUE_PATH = 'src/modules.ts';

const CONTEXT_IMPORT = "import type { AppModule } from './core/context.js';";
/** A module's index, or the core's default ports and the features plugin, which are registered the same way. */
const MODULE_IMPORT = /^import (\w+) from '(\.\/(?:modules\/[\w-]+\/index|features\/index|core\/default-ports)\.js)';$/;

export interface GlueEntry {
  /** The registered module's index file (a path of the set). */
  index: string;
  /** 1-based lines of modules.ts that are this entry's: its import and its list item. */
  lines: [number, number];
}

export interface Glue {
  /** What importers see: the annotated export and the import its type needs. */
  surface: string;
  entries: GlueEntry[];
}

const LIST_ITEM = /^ {2}(\w+),$/;

/** The generated shape, or undefined when the file is anything else (then it is checked whole). */
export function readGlue(contents: string): Glue | undefined {
  const lines = contents
    .split('\n')
    .map((text, i) => ({ text, number: i + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('//'));
  const imports = new Map<string, { index: string; line: number }>();
  let at = 0;
  if (lines[at++]?.text !== CONTEXT_IMPORT) return undefined;
  for (let match = MODULE_IMPORT.exec(lines[at]?.text ?? ''); match; match = MODULE_IMPORT.exec(lines[++at]?.text ?? '')) {
    if (imports.has(match[1]!)) return undefined;
    imports.set(match[1]!, { index: `src/${match[2]!.slice(2).replace(/\.js$/, '.ts')}`, line: lines[at]!.number });
  }
  if (lines[at++]?.text !== 'export const modules: AppModule[] = [') return undefined;
  const entries: GlueEntry[] = [];
  for (let match = LIST_ITEM.exec(lines[at]?.text ?? ''); match; match = LIST_ITEM.exec(lines[++at]?.text ?? '')) {
    const imported = imports.get(match[1]!);
    if (!imported || entries.some((entry) => entry.index === imported.index)) return undefined;
    entries.push({ index: imported.index, lines: [imported.line, lines[at]!.number] });
  }
  if (lines[at++]?.text !== '];' || at !== lines.length || entries.length !== imports.size) return undefined;
  return { surface: `${CONTEXT_IMPORT}\nexport declare const modules: AppModule[];\n`, entries };
}

// A small argv parser with one-line errors: `--name value`, `--name=value`, boolean flags, positionals.
import { quote, UsageError } from '../errors.js';
import { didYouMean } from './suggest.js';

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  alias?: string;
  /** Shown when a string flag has no value, e.g. "Accepted: npm, pnpm." */
  accepted?: string;
}

export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const find = (token: string) => specs.find((spec) => `--${spec.name}` === token || (spec.alias && `-${spec.alias}` === token));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const token = eq === -1 ? arg : arg.slice(0, eq);
    const spec = find(token);
    if (!spec) throw new UsageError(`Unknown option ${quote(token)}.${suggestFlag(token, specs)} Run "${command} --help" for the accepted options.`);
    if (spec.name in flags) throw new UsageError(`--${spec.name} is given twice.`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${spec.name} takes no value (got ${quote(arg.slice(eq + 1))}).`);
      flags[spec.name] = true;
      continue;
    }
    let value: string | undefined = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (eq === -1) {
      if (value === undefined || (value.startsWith('-') && value !== '')) value = undefined;
      else i++;
    }
    if (value === undefined) throw new UsageError(`--${spec.name} needs a value.${spec.accepted ? ` ${spec.accepted}` : ''}`);
    flags[spec.name] = value;
  }
  return { flags, positionals };
}

/** " Did you mean --db?" for "--dbb", "-db" or "--DB"; a one-letter typo only when it is an alias ("--y" -> -y). */
function suggestFlag(token: string, specs: readonly FlagSpec[]): string {
  const bare = (flag: string) => flag.replace(/^-+/, '');
  const spellings = new Map(specs.flatMap((spec) => [[spec.name, `--${spec.name}`], ...(spec.alias ? [[spec.alias, `-${spec.alias}`]] : [])] as [string, string][]));
  const typed = bare(token);
  if (typed.length === 1) return spellings.has(typed) ? ` Did you mean ${spellings.get(typed)}?` : '';
  const names = [...spellings.keys()].filter((name) => name.length > 1);
  return didYouMean(typed, names, (name) => spellings.get(name)!);
}

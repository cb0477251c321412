// `npm create groundwork@latest my-api --db postgres` (without "--") never passes --db on: npm parses
// every option before a "--" as its own config. It exports what it parsed to the child as
// npm_config_<name>: an option it does not know becomes "true" and its value a positional argument
// (npm_config_db=true, argv "my-api postgres"), one it knows keeps its value (--cache redis ->
// npm_config_cache=redis, --dry-run -> npm_config_dry_run=true), and some it abbreviates (--pm bun ->
// --message: npm_config_message=bun). Seen from here, the flag is missing and npm_config_* is set.
// The same happens to `npm run groundwork add cache redis --dry-run` (npm then runs the script without
// --dry-run). `npm create` runs as npm_command=init, `npm exec` as exec, a script as run (run-script
// before npm 11); npx and the other package managers pass options through.
import { categories } from '../catalog/catalog.js';
import type { Category } from '../catalog/types.js';
import { UsageError } from '../errors.js';
import { packageManagers } from '../install/package-manager.js';
import { shellQuote } from '../shell-quote.js';

interface Capture {
  flag: string;
  /** The values npm took for this flag ("" for a boolean flag, undefined for "taken from argv"), if it took it. */
  taken(env: NodeJS.ProcessEnv): (string | undefined)[];
  /** Whether a positional argument can be this flag's value. */
  accepts?(word: string): boolean;
}

const items = (raw: string | undefined) => (raw === undefined ? [] : raw.split('\n\n'));
const isChoice = (category: Category, word: string) =>
  word.split(',').every((item) => category.options.some((option) => option.id === item.trim().toLowerCase()));

/** For a flag with a value: what npm exported under any of `keys`, when it is ours ("true" = value is in argv). */
const valued = (keys: string[], ours: (word: string) => boolean) => (env: NodeJS.ProcessEnv) =>
  keys.flatMap((key) => items(env[key]).flatMap((item) => (item === 'true' ? [undefined] : ours(item) ? [item] : [])));

const switched = (key: string, values: string[]) => (env: NodeJS.ProcessEnv) => (values.includes(env[key] ?? '\0') ? [''] : []);

const captures: Capture[] = [
  ...categories.map((category): Capture => {
    const ours = (word: string) => isChoice(category, word);
    // --auth is expanded by npm to --auth-type (and dropped as invalid); a later npm may keep it.
    const keys = [`npm_config_${category.id}`, ...(category.id === 'auth' ? ['npm_config_auth_type'] : [])];
    return { flag: category.id, taken: valued(keys, ours), accepts: ours };
  }),
  {
    flag: 'pm',
    taken: valued(['npm_config_pm', 'npm_config_message'], (word) => (packageManagers as readonly string[]).includes(word)),
    accepts: (word) => (packageManagers as readonly string[]).includes(word.toLowerCase()),
  },
  { flag: 'no-install', taken: switched('npm_config_install', ['', 'false']) },
  { flag: 'no-git', taken: switched('npm_config_git', ['false']) },
  { flag: 'dry-run', taken: switched('npm_config_dry_run', ['true']) },
  { flag: 'json', taken: switched('npm_config_json', ['true']) },
  { flag: 'force', taken: switched('npm_config_force', ['true']) },
];

const valueFlags = new Set(captures.filter((c) => c.accepts).map((c) => `--${c.flag}`));
/** The flags of `groundwork add`, `list` and `info` that npm also has. */
const groundworkFlags = new Set(['no-install', 'dry-run', 'json']);
/** How npm ran us: `npm create` (init), `npm exec`, or a package script (`npm run groundwork ...`). */
const npmCommands = new Set(['init', 'exec', 'run', 'run-script']);

/**
 * Throws a UsageError naming the flags npm took for itself and the command that passes them on, when
 * a bin runs under `npm create`, `npm exec` or `npm run` without them.
 */
export function checkNpmSwallowedFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, bin: 'create-groundwork' | 'groundwork' = 'create-groundwork'): void {
  if (!env.npm_config_user_agent?.startsWith('npm/') || !npmCommands.has(env.npm_command ?? '')) return;
  const given = (flag: string) => argv.some((token) => token === `--${flag}` || token.startsWith(`--${flag}=`));
  if (given('help') || given('version') || argv.includes('-h') || argv.includes('-v')) return;

  const ours = bin === 'groundwork' ? captures.filter((c) => groundworkFlags.has(c.flag)) : captures;
  const swallowed = ours.flatMap((capture) => (given(capture.flag) ? [] : capture.taken(env).map((value) => ({ capture, value }))));
  if (swallowed.length === 0) return;

  // npm's positionals: ours (the directory) and the values of the options it did not know.
  const positionals: { index: number; word: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (valueFlags.has(argv[i]!)) i++;
    else if (!argv[i]!.startsWith('-')) positionals.push({ index: i, word: argv[i]! });
  }
  // The first positional is the directory, unless npm left no more than the values it took from us.
  const valuesInArgv = swallowed.filter(({ capture, value }) => capture.accepts && value === undefined).length;
  const hasDir = bin === 'create-groundwork' && positionals.length > valuesInArgv;
  const [dir, ...extra] = hasDir ? positionals : [undefined, ...positionals];
  const used = new Set<number>();
  const claim = (fits: (word: string) => boolean) => {
    const found = extra.find((p) => p !== undefined && !used.has(p.index) && fits(p.word));
    if (found) used.add(found.index);
    return found?.word;
  };
  const resolved = swallowed.map(({ capture, value }) => ({ capture, value: value ?? claim((word) => capture.accepts?.(word) ?? false) }));
  const words = resolved.map(({ capture, value }) => {
    if (!capture.accepts) return [`--${capture.flag}`];
    const word = value ?? claim(() => true);
    return [`--${capture.flag}`, word === undefined ? '<value>' : shellQuote(word)];
  });

  const taken = words.map((w) => w.join(' ')).join(words.length === 2 ? ' and ' : ', ');
  const rest = argv.filter((_, i) => i !== dir?.index && !used.has(i));
  const target = dir ? [shellQuote(dir.word)] : [];
  const quotedRest = rest.map(shellQuote);
  const after = bin === 'create-groundwork' ? [...words.flat(), ...quotedRest] : [...quotedRest, ...words.flat()];
  const where = bin === 'groundwork' ? 'arguments of groundwork' : "generator's flags";
  throw new UsageError(`npm took ${taken} for itself: put -- before the ${where}: ${npmCommand(bin, target, after, env)}`, cacheNote(resolved, env));
}

/** The command that passes `target` (the directory, if any) and `after` on to `bin`, in the form npm ran it. */
function npmCommand(bin: string, target: string[], after: string[], env: NodeJS.ProcessEnv): string {
  if (env.npm_command === 'init') return ['npm create groundwork@latest', ...target, '--', ...after].join(' ');
  if (env.npm_command === 'exec') {
    const fromPackage = items(env.npm_config_package || undefined).map((spec) => `--package=${shellQuote(spec)}`);
    return ['npm exec', ...fromPackage, '--', bin, ...target, ...after].join(' ');
  }
  return ['npm run', shellQuote(env.npm_lifecycle_event ?? bin), '--', ...target, ...after].join(' ');
}

/** `--cache redis` made npm use ./redis as its cache folder. */
function cacheNote(resolved: { capture: Capture; value: string | undefined }[], env: NodeJS.ProcessEnv): string[] {
  const cache = resolved.find(({ capture, value }) => capture.flag === 'cache' && value !== undefined && env.npm_config_cache === value);
  return cache ? [`npm also used ./${cache.value} as its cache folder; you can delete it.`] : [];
}

// Names of the project's own jobs and routes (`groundwork generate job|route <name>`): one kebab-case
// name recorded in groundwork.json, and the spellings generated code needs. Shared by both kinds: the
// name checks, finding one for `remove`, and the checks of the recorded lists.
import { didYouMean } from '../cli/suggest.js';
import { quote, UsageError } from '../errors.js';
import { expected, isRecord } from '../json-problems.js';
import { camelCase, MAX_NAME_LENGTH, nameShape, splitWords } from '../resources/names.js';

export type UnitKind = 'job' | 'route';

export interface UnitNames {
  /** The recorded name, the file name and the job name or URL path segment: "send-reminder". */
  kebab: string;
  /** "sendReminder" (the export is sendReminderJob, sendReminderRoute). */
  camel: string;
  /** "SendReminder". */
  Pascal: string;
  /** Lowercase words, for human text: "send reminder". */
  label: string;
}

/** Names whose file would be the folder's list (src/jobs/index.ts, src/routes/index.ts). */
const TAKEN = new Set(['index']);

/** Why `input` cannot name a job or route, worded to follow the quoted input; undefined when it can. */
export function unitNameProblem(input: string): string | undefined {
  if (!nameShape.test(input)) {
    return 'is not valid; use ASCII letters and digits, each word starting with a letter, in kebab-case, camelCase or snake_case, e.g. "send-reminder"';
  }
  // The recorded name is the kebab form, longer than camelCase input by a hyphen per word.
  const kebab = splitWords(input).join('-');
  if (kebab.length > MAX_NAME_LENGTH) return `is ${kebab.length} characters long${kebab === input ? '' : ` as "${kebab}"`}; use at most ${MAX_NAME_LENGTH}`;
  if (TAKEN.has(kebab)) return `would be the file of the list itself (${kebab}.ts); choose another name`;
  return undefined;
}

export function unitNames(input: string, kind: UnitKind): UnitNames {
  const problem = unitNameProblem(input);
  if (problem !== undefined) throw new UsageError(`${kind === 'job' ? 'Job' : 'Route'} name ${quote(input)} ${problem}.`);
  const words = splitWords(input);
  const camel = camelCase(words);
  return { kebab: words.join('-'), camel, Pascal: camel.charAt(0).toUpperCase() + camel.slice(1), label: words.join(' ') };
}

/** For `remove job|route`: the recorded unit `name` means in any spelling, or a UsageError listing the project's. */
export function findUnit<T extends { name: string }>(kind: UnitKind, name: string, existing: readonly T[]): T {
  const { kebab } = unitNames(name, kind);
  const found = existing.find((unit) => unit.name === kebab);
  if (found !== undefined) return found;
  const known = existing.map((unit) => unit.name);
  if (known.length === 0) throw new UsageError(`Unknown ${kind} ${quote(name)}: the project has no ${kind}s of its own.`);
  throw new UsageError(`Unknown ${kind} ${quote(name)}.${didYouMean(kebab, known)} The project's ${kind}s: ${known.join(', ')}.`);
}

/**
 * Problems of a recorded list (groundwork.json "jobs" or "routes"): an array of objects with exactly
 * `keys`, each "name" a kebab-case unit name given once; `more` checks the other keys of one entry.
 */
export function unitListProblems(field: 'jobs' | 'routes', value: unknown, keys: readonly string[], more: (entry: Record<string, unknown>, at: (key: string) => string) => string[] = () => []): string[] {
  if (!Array.isArray(value)) return [expected(`"${field}"`, `an array of ${field}`, value)];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of (value as unknown[]).entries()) {
    const at = (key = '') => `"${field}[${i}]${key}"`;
    if (!isRecord(entry)) {
      problems.push(expected(at(), `an object with ${keys.map((key) => `"${key}"`).join(' and ')}`, entry));
      continue;
    }
    for (const key of Object.keys(entry)) if (!keys.includes(key)) problems.push(`${at()} has an unknown key ${quote(key)}`);
    const { name } = entry;
    if (typeof name !== 'string') problems.push(expected(at('.name'), 'a kebab-case name such as "send-reminder"', name));
    else {
      const problem = unitNameProblem(name) ?? (splitWords(name).join('-') !== name ? `must be the kebab-case name ${quote(splitWords(name).join('-'))}` : undefined);
      if (problem !== undefined) problems.push(`${at('.name')} ${quote(name)} ${problem}`);
      else if (seen.has(name)) problems.push(`${at('.name')} ${quote(name)} is listed twice`);
      seen.add(name);
    }
    problems.push(...more(entry, at));
  }
  return problems;
}

// A resource's names in every spelling generated code needs, from whichever spelling the user typed
// ("invoice", "Invoices", "line-item", "lineItems"). REST paths, SQL tables, GraphQL fields, proto
// packages and messages all derive from one list of words, so they cannot disagree.
import { quote, UsageError } from '../errors.js';

export interface ResourceNames {
  /** camelCase: "lineItem". */
  singular: string;
  /** camelCase: "lineItems". */
  plural: string;
  /** PascalCase: "LineItem". */
  Singular: string;
  /** PascalCase: "LineItems". */
  Plural: string;
  singularSnake: string;
  /** The SQL table, proto package ("line_items.v1") and proto directory. */
  pluralSnake: string;
  /** The REST path (/v1/line-items) and the features folder (src/features/line-items). */
  pluralKebab: string;
  /** Lowercase, for human text: "line item". */
  singularLabel: string;
  pluralLabel: string;
  /** Constant and env prefix: "LINE_ITEMS". */
  PLURAL: string;
}

export const MAX_NAME_LENGTH = 40;
/** Words of letters and digits, each starting with a letter, joined by case changes, "-" or "_". */
export const nameShape = /^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z][A-Za-z0-9]*)*$/;

/**
 * The lowercase words of a name: split at "-", "_" and case changes, keeping acronyms and digits in
 * their word ("lineItems" -> line, items; "APIKey" -> api, key; "oauth2Token" -> oauth2, token).
 */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
export const camelCase = (words: readonly string[]): string => words.map((word, i) => (i === 0 ? word : capitalize(word))).join('');
const pascalCase = (words: readonly string[]): string => words.map(capitalize).join('');

// English inflection for the last word of a name: the regular rules, and the exceptions a resource
// name is likely to meet. Singularizing undoes the rules; words whose shape looks plural but is not
// ("status", "analysis", "class", "gas") are known singulars.

const irregularPlurals = new Map([
  ['person', 'people'], ['child', 'children'], ['man', 'men'], ['woman', 'women'], ['mouse', 'mice'], ['goose', 'geese'],
  ['tooth', 'teeth'], ['foot', 'feet'], ['ox', 'oxen'], ['quiz', 'quizzes'],
]);
/** The same in singular and plural. */
const uncountables = new Set([
  'news', 'series', 'species', 'data', 'metadata', 'information', 'equipment', 'feedback', 'software', 'hardware', 'firmware',
  'middleware', 'staff', 'sheep', 'fish', 'deer', 'moose', 'bison', 'salmon', 'trout', 'swine', 'aircraft', 'offspring', 'advice',
  'furniture', 'luggage', 'baggage', 'knowledge',
]);
const fPlurals = new Map([
  ['leaf', 'leaves'], ['life', 'lives'], ['knife', 'knives'], ['wife', 'wives'], ['half', 'halves'], ['shelf', 'shelves'],
  ['wolf', 'wolves'], ['thief', 'thieves'], ['calf', 'calves'], ['loaf', 'loaves'], ['elf', 'elves'],
]);
/** Greek plurals "-es" of "-is" that the endings below do not catch ("crises", unlike "cases" or "phases"). */
const sisPlurals = new Map<string, string>(
  ['axis', 'crisis', 'oasis', 'emphasis', 'synopsis', 'neurosis', 'psychosis', 'metamorphosis', 'thrombosis', 'nemesis', 'genesis', 'metastasis', 'mitosis'].map(
    (singular) => [`${singular.slice(0, -2)}es`, singular] as const,
  ),
);
const irregularSingulars = new Map([...irregularPlurals, ...fPlurals].map(([singular, plural]) => [plural, singular]));

/** "-o" words that take "-es" (others take "-s": photos, videos). */
const oesSingulars = new Set(['hero', 'potato', 'tomato', 'echo', 'veto', 'torpedo', 'embargo']);
/** "-ie" words: "movies" is movie, not movy. */
const ieSingulars = new Set([
  'movie', 'cookie', 'pie', 'tie', 'lie', 'die', 'zombie', 'calorie', 'selfie', 'rookie', 'hoodie', 'genie', 'brownie', 'smoothie',
  'prairie', 'freebie', 'newbie', 'sortie', 'goalie', 'auntie', 'birdie', 'budgie', 'veggie', 'hippie', 'pixie', 'lingerie',
]);
/** "-u" words ("menus" is menu); every other word ending in "-us" is singular (status, bus, campus). */
const uSingulars = new Set(['menu', 'guru', 'emu', 'haiku', 'gnu', 'tutu', 'bayou', 'caribou', 'bureau', 'plateau', 'tableau', 'chateau', 'sudoku', 'snafu', 'tiramisu']);
/** "-i" words ("taxis" is taxi); every other word ending in "-is" is singular (analysis, axis). */
const iSingulars = new Set([
  'taxi', 'ski', 'kiwi', 'emoji', 'wiki', 'safari', 'alibi', 'bikini', 'yeti', 'khaki', 'rabbi', 'salami', 'zucchini', 'chili', 'deli',
  'tsunami', 'mini', 'semi',
]);
/** Singular words ending in one "s", plural "-es": gas, gases. */
const sSingulars = new Set(['alias', 'atlas', 'bias', 'canvas', 'cosmos', 'ethos', 'gas', 'iris', 'lens', 'pancreas', 'thermos']);
/** "-che" words ("caches" is cache; "matches" is match). */
const cheSingulars = new Set(['cache', 'niche', 'ache', 'headache', 'moustache', 'mustache', 'avalanche', 'quiche', 'psyche', 'cliche', 'creche', 'fiche', 'microfiche']);
/** "-ch" said "k" takes "-s": epochs, not epoches. */
const kChSingulars = new Set(['epoch', 'stomach', 'monarch', 'patriarch', 'matriarch', 'oligarch', 'tech', 'loch', 'eunuch', 'triptych']);
/** "-use" words whose plural could be read as "-us" + "es" ("excuses" is excuse; "buses" is bus). "-ouse" and "-ause" words need no list. */
const useSingulars = new Set(['use', 'abuse', 'excuse', 'fuse', 'muse', 'refuse', 'ruse', 'recluse', 'reuse', 'misuse']);

/** The plural of a lowercase singular English word. */
export function pluralize(word: string): string {
  if (uncountables.has(word)) return word;
  const irregular = irregularPlurals.get(word) ?? fPlurals.get(word);
  if (irregular !== undefined) return irregular;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (word.endsWith('is') && !sSingulars.has(word)) return `${word.slice(0, -2)}es`;
  if (/(s|x|z|sh)$/.test(word) || (word.endsWith('ch') && !kChSingulars.has(word)) || oesSingulars.has(word)) return `${word}es`;
  return `${word}s`;
}

/** The singular of a lowercase English word; a word that is singular already comes back unchanged. */
export function singularize(word: string): string {
  if (uncountables.has(word) || irregularPlurals.has(word)) return word;
  const irregular = irregularSingulars.get(word) ?? sisPlurals.get(word);
  if (irregular !== undefined) return irregular;
  if (!word.endsWith('s') || word.endsWith('ss') || sSingulars.has(word)) return word;
  const stem = (letters: number) => word.slice(0, -letters);
  if (word.endsWith('us')) return uSingulars.has(stem(1)) ? stem(1) : word;
  if (word.endsWith('is')) return iSingulars.has(stem(1)) ? stem(1) : word;
  if (word.endsWith('ies')) return ieSingulars.has(stem(1)) ? stem(1) : `${stem(3)}y`;
  if (word.endsWith('oes')) return oesSingulars.has(stem(2)) ? stem(2) : stem(1);
  if (/(sses|xes|shes|zzes|tzes)$/.test(word)) return stem(2);
  if (word.endsWith('ches')) return cheSingulars.has(stem(1)) ? stem(1) : stem(2);
  if (word.endsWith('ses')) {
    if (sSingulars.has(stem(2))) return stem(2);
    if (/(ys|thes|gnos)es$/.test(word)) return `${stem(2)}is`;
    if (word.endsWith('uses')) return useSingulars.has(stem(1)) || /[ao]uses$/.test(word) ? stem(1) : stem(2);
  }
  return stem(1);
}

/** The names of `input`, or why it cannot name a resource. */
function inflect(input: string): ResourceNames | string {
  if (!nameShape.test(input)) {
    return 'is not valid; use ASCII letters and digits, each word starting with a letter, in camelCase, PascalCase, kebab-case or snake_case, e.g. "invoice" or "line-item"';
  }
  if (input.length > MAX_NAME_LENGTH) return `is ${input.length} characters long; use at most ${MAX_NAME_LENGTH}`;
  const words = splitWords(input);
  const last = words.at(-1)!;
  // A word is plural when undoing a plural rule gives a singular that the rule turns back into it.
  const candidate = singularize(last);
  const isPlural = candidate !== last && candidate !== '' && pluralize(candidate) === last;
  const singularWords = [...words.slice(0, -1), isPlural ? candidate : last];
  const pluralWords = [...words.slice(0, -1), isPlural ? last : pluralize(last)];
  if (singularWords.at(-1) === pluralWords.at(-1)) {
    const subject = words.length === 1 ? 'is' : `ends in ${quote(last)}, which is`;
    const instead = camelCase([...words, 'item']);
    return `${subject} the same in singular and plural, but a resource needs two names (GraphQL "invoice" and "invoices"); use another word, e.g. ${quote(instead)}`;
  }
  const pluralSnake = pluralWords.join('_');
  return {
    singular: camelCase(singularWords),
    plural: camelCase(pluralWords),
    Singular: pascalCase(singularWords),
    Plural: pascalCase(pluralWords),
    singularSnake: singularWords.join('_'),
    pluralSnake,
    pluralKebab: pluralWords.join('-'),
    singularLabel: singularWords.join(' '),
    pluralLabel: pluralWords.join(' '),
    PLURAL: pluralSnake.toUpperCase(),
  };
}

/** Why `input` cannot name a resource, worded to follow the quoted input; undefined when it can. */
export function resourceNameProblem(input: string): string | undefined {
  const names = inflect(input);
  return typeof names === 'string' ? names : undefined;
}

/** The names of the resource `input` names in any spelling, singular or plural; a one-line UsageError otherwise. */
export function resourceNames(input: string): ResourceNames {
  const names = inflect(input);
  if (typeof names === 'string') throw new UsageError(`Resource name ${quote(input)} ${names}.`);
  return names;
}

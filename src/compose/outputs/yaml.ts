// A YAML writer for the plain data docker-compose needs: maps, lists and strings (always quoted,
// as JSON strings are valid YAML double-quoted scalars), numbers and booleans.
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue | undefined };

const scalar = (value: string | number | boolean) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const isScalar = (value: YamlValue): value is string | number | boolean => typeof value !== 'object';
const isEmpty = (value: YamlValue) => typeof value === 'object' && Object.values(value).every((item) => item === undefined);
const inline = (value: YamlValue) => (isScalar(value) ? scalar(value) : Array.isArray(value) ? '[]' : '{}');

/** A map or list inside a list starts on the dash's line: `- uses: actions/checkout@v4`. */
function listItem(item: YamlValue, indent: string): string {
  const nested = toYaml(item, `${indent}  `);
  return `${indent}- ${nested.slice(indent.length + 2)}`;
}

export function toYaml(value: YamlValue, indent = ''): string {
  if (isScalar(value) || isEmpty(value)) return `${indent}${inline(value)}\n`;
  if (Array.isArray(value)) {
    return value.map((item) => (isScalar(item) || isEmpty(item) ? `${indent}- ${inline(item)}\n` : listItem(item, indent))).join('');
  }
  return Object.entries(value)
    .filter((entry): entry is [string, YamlValue] => entry[1] !== undefined)
    .map(([key, item]) => (isScalar(item) || isEmpty(item) ? `${indent}${key}: ${inline(item)}\n` : `${indent}${key}:\n${toYaml(item, `${indent}  `)}`))
    .join('');
}

// A YAML writer for the plain data docker-compose needs: maps, lists and strings (always quoted,
// as JSON strings are valid YAML double-quoted scalars), numbers and booleans.
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue | undefined };

const scalar = (value: string | number | boolean) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const isScalar = (value: YamlValue): value is string | number | boolean => typeof value !== 'object';
const isEmpty = (value: YamlValue) => typeof value === 'object' && Object.values(value).every((item) => item === undefined);
const inline = (value: YamlValue) => (isScalar(value) ? scalar(value) : Array.isArray(value) ? '[]' : '{}');

export function toYaml(value: YamlValue, indent = ''): string {
  if (isScalar(value) || isEmpty(value)) return `${indent}${inline(value)}\n`;
  if (Array.isArray(value)) {
    return value
      .map((item) => (isScalar(item) || isEmpty(item) ? `${indent}- ${inline(item)}\n` : `${indent}-\n${toYaml(item, `${indent}  `)}`))
      .join('');
  }
  return Object.entries(value)
    .filter((entry): entry is [string, YamlValue] => entry[1] !== undefined)
    .map(([key, item]) => (isScalar(item) || isEmpty(item) ? `${indent}${key}: ${inline(item)}\n` : `${indent}${key}:\n${toYaml(item, `${indent}  `)}`))
    .join('');
}

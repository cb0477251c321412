// Operational endpoints: not rate limited, not authenticated; probes and /metrics are not logged.
const PROBES = ['/livez', '/readyz', '/metrics'];
const DOCS = ['/docs', '/openapi.json'];

const pathOf = (url: string): string => url.split('?')[0] ?? url;
const matches = (path: string, prefixes: string[]): boolean => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

export const isProbePath = (url: string): boolean => matches(pathOf(url), PROBES);
export const isOpsPath = (url: string): boolean => matches(pathOf(url), [...PROBES, ...DOCS]);

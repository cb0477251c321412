// A pino destination that keeps every line as parsed JSON.
export function captureLogs(): { stream: { write(line: string): void }; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

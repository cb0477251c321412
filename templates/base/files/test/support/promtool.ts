import { spawnSync } from 'node:child_process';

/** Whether Prometheus's promtool is on PATH (Debian's prometheus package ships it). */
export const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

/** What `promtool check metrics` reports about a /metrics text: '' when it finds nothing. */
export function promtoolFindings(text: string): string {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.trim();
  return result.status === 0 || output ? output : `promtool exited ${result.status}`;
}

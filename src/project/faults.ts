// Fault injection for the tests of crash and signal safety, off unless GROUNDWORK_FAULT is set:
// "<point>:<n>:<signal>" sends <signal> to this process at the n-th pass through <point>, e.g.
// "apply:10:SIGKILL" (a crash after 9 files were moved), "stage:3:SIGINT" (Ctrl-C while staging),
// "stage:1:SIGSTOP" (hold the command so another one can be started beside it).
const spec = process.env.GROUNDWORK_FAULT?.split(':');
const counts = new Map<string, number>();

export function faultPoint(point: 'stage' | 'apply'): void {
  if (!spec || spec[0] !== point) return;
  const count = (counts.get(point) ?? 0) + 1;
  counts.set(point, count);
  if (count === Number(spec[1])) process.kill(process.pid, (spec[2] ?? 'SIGKILL') as NodeJS.Signals);
}

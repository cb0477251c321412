// Terminal output: colour only on a TTY without NO_COLOR, a spinner only on a TTY.
const useColor = process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';

const paint = (code: number) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = paint(1);
export const dim = paint(2);
export const red = paint(31);
export const green = paint(32);
export const cyan = paint(36);

export function spinner(label: string): { stop(result: string): void } {
  if (!process.stderr.isTTY || !useColor) {
    process.stderr.write(`${label}...\n`);
    return { stop: (result) => process.stderr.write(`${result}\n`) };
  }
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stderr.write(`\r${cyan(frames[frame++ % frames.length]!)} ${label} ${dim(`${seconds}s`)}`);
  }, 80);
  return {
    stop(result) {
      clearInterval(timer);
      process.stderr.write(`\r\u001b[2K${result}\n`);
    },
  };
}

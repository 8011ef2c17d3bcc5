/**
 * A one-line progress bar for command-line tools. On a terminal it redraws in place; in a log
 * (CI, a pipe) it prints a line every 10 % so the log stays readable.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }, label: string, width = 30): ProgressBar {
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const pct = Math.round(ratio * 100);
      if (stream.isTTY) {
        const full = Math.round(ratio * width);
        stream.write(`\r${label} [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(pct).padStart(3)}% ${done}/${total}`);
        drawn = true;
      } else {
        const decile = Math.floor(pct / 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${label} ${pct}% (${done}/${total})\n`);
        }
      }
    },
    finish() {
      if (stream.isTTY && drawn) stream.write('\n');
      drawn = false;
    },
  };
}

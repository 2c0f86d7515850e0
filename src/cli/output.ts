import picocolors from 'picocolors';
import yoctoSpinner from 'yocto-spinner';

export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * Colours only for a person at a terminal: stdout is a TTY, `NO_COLOR` is unset or empty
 * (no-color.org) and `TERM` is not `dumb`; `FORCE_COLOR` (not `0`) turns them on anyway. Decided
 * here rather than by picocolors, which also colours any output when `CI` is set.
 */
export function colorsWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

/** How a command writes: colours, whether a person watches (spinners), and plain lines to stdout. */
export interface Output {
  c: Colors;
  interactive: boolean;
  print(text?: string): void;
  /** Pretty JSON on stdout, for `--json`. */
  json(value: unknown): void;
  /** A spinner on stderr while `work` runs, only when a person watches; `update` changes its text. */
  spin<T>(text: string, work: (update: (text: string) => void) => Promise<T>): Promise<T>;
}

export function createOutput(env: NodeJS.ProcessEnv = process.env): Output {
  const interactive = Boolean(process.stdout.isTTY && process.stderr.isTTY) && env.TERM !== 'dumb';
  return {
    c: picocolors.createColors(colorsWanted(env, Boolean(process.stdout.isTTY))),
    interactive,
    print: (text = '') => void process.stdout.write(`${text}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    spin: async (text, work) => {
      if (!interactive) return work(() => {});
      const spinner = yoctoSpinner({ text, handleSignals: false }).start();
      try {
        return await work((next) => void (spinner.text = next));
      } finally {
        spinner.stop();
      }
    },
  };
}

const BLOCKS = ' ▏▎▍▌▋▊▉█';

/** A bar `width` cells wide filled to `share` (0..1) with eighth-cell precision, padded with `·`. */
export function bar(share: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, share)) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  return ('█'.repeat(full) + (part ? BLOCKS[part] : '')).padEnd(width, '·');
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled to the largest; zero is a space-like `·`. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(1, ...values);
  return values.map((v) => (v <= 0 ? '·' : SPARKS[Math.min(7, Math.floor((v / max) * 7.999))])).join('');
}

/** Percent of a 0..1 share, right-aligned in 4 characters: ` 80%`. */
export const percent = (share: number) => `${Math.round(share * 100)}%`.padStart(4);

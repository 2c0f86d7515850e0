/**
 * Reading what a sandbox says, with bounds. Everything a driver writes may have been written or
 * shaped by the candidate's code, so every value is parsed under a line-size cap, refused past a
 * nesting depth (checked without recursion, so 200,000 levels cost nothing), and every piece of
 * text kept is cut to a fixed length. Nothing that comes out of here can make grading throw.
 */

/** Deepest nesting of arrays and objects a reply may hold; the drivers refuse deeper values first. */
export const MAX_DEPTH = 64;
/** Longest reply line read from a sandbox: the drivers refuse larger values before sending. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

/** The depth of a parsed JSON value, counted iteratively; stops counting once past `limit`. */
function depthOf(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * Parses one line as a JSON object with a string `t`, or returns null: too long, not JSON, not an
 * object, or nested deeper than `MAX_DEPTH`.
 */
export function parseReply(line: string): ({ t: string } & Record<string, unknown>) | null {
  if (line.length > MAX_LINE_BYTES) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  if (typeof (parsed as { t?: unknown }).t !== 'string') return null;
  if (depthOf(parsed, MAX_DEPTH + 1) > MAX_DEPTH + 1) return null;
  return parsed as { t: string } & Record<string, unknown>;
}

/** `value` as text of at most `max` characters (an ellipsis marks a cut); anything but a string becomes "". */
export function boundedText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** JSON text of `value`, cut to `max` characters; never throws. */
export function boundedJson(value: unknown, max: number): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    return '(a value that cannot be shown)';
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A value fit to store and return to the candidate: itself when its JSON is at most `max`
 * characters, else a string preview of its start. Stored results stay small whatever was returned.
 */
export function boundedValue(value: unknown, max: number): unknown {
  const text = boundedJson(value, max);
  return text.endsWith('…') || text === '(a value that cannot be shown)' ? `(too large to show) ${text}` : value;
}

/**
 * The source of one named test, cut out of a lab's test file, so a candidate can see the calls
 * that produced an example's expected value (`put(1, 1); put(2, 2); …`), not only the value.
 * Only visible tests are ever cut out; hidden tests keep their inputs secret.
 */

/** Where a JavaScript/TypeScript string, template or comment starting at `i` ends (exclusive). */
function skipJsToken(code: string, i: number): number {
  const c = code[i];
  if (c === '/' && code[i + 1] === '/') {
    const end = code.indexOf('\n', i);
    return end === -1 ? code.length : end;
  }
  if (c === '/' && code[i + 1] === '*') {
    const end = code.indexOf('*/', i + 2);
    return end === -1 ? code.length : end + 2;
  }
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < code.length && code[j] !== c) {
      if (code[j] === '\\') j += 1;
      else if (c === '`' && code[j] === '$' && code[j + 1] === '{') j = skipJsBlock(code, j + 1) - 1;
      j += 1;
    }
    return j + 1;
  }
  return i;
}

/** From an opening bracket at `open`, the index just past its matching closing bracket. */
function skipJsBlock(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const skipped = skipJsToken(code, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = code[i]!;
    if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return code.length;
}

/** Removes the indentation every non-blank line shares. */
function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const indents = lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(cut)).join('\n');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The body of the test named `name` in a `tests.js` file (`'name': ({ X }) => { … }` or
 * `'name': ({ X }) => expression`), dedented; null when it cannot be found.
 */
export function jsTestSource(code: string, name: string): string | null {
  const key = new RegExp(`(['"])${escapeRegExp(name)}\\1\\s*:\\s*(async\\s+)?`).exec(code);
  if (!key) return null;
  const arrow = code.indexOf('=>', key.index + key[0].length);
  if (arrow === -1) return null;
  let start = arrow + 2;
  while (/\s/.test(code[start] ?? '')) start += 1;
  if (code[start] === '{') return dedent(code.slice(start + 1, skipJsBlock(code, start) - 1));
  // An expression body runs to the comma or brace that closes it at depth zero.
  let end = start;
  while (end < code.length) {
    const skipped = skipJsToken(code, end);
    if (skipped !== end) {
      end = skipped;
      continue;
    }
    const c = code[end]!;
    if ('([{'.includes(c)) end = skipJsBlock(code, end);
    else if (c === ',' || c === '}' || c === ')' || c === ']') break;
    else end += 1;
  }
  return dedent(`return ${code.slice(start, end).trim()};`);
}

/**
 * The body of the test named `name` in a `tests.py` file, whose `TESTS` dict maps each name to a
 * function defined above it; dedented, null when it cannot be found.
 */
export function pyTestSource(code: string, name: string): string | null {
  const entry = new RegExp(`(['"])${escapeRegExp(name)}\\1\\s*:\\s*([A-Za-z_][A-Za-z0-9_]*)`).exec(code);
  if (!entry) return null;
  if (entry[2] === 'lambda') {
    const lambda = /^lambda[^:]*:\s*(.*?),?\s*$/m.exec(code.slice(entry.index + entry[0].length - 'lambda'.length));
    return lambda ? `return ${lambda[1]}` : null;
  }
  const def = new RegExp(`^(async\\s+)?def\\s+${entry[2]}\\s*\\([^)]*\\)\\s*(->[^:]+)?:[ \\t]*\\n`, 'm').exec(code);
  if (!def) return null;
  const body: string[] = [];
  for (const line of code.slice(def.index + def[0].length).split('\n')) {
    if (line.trim() && !/^\s/.test(line)) break;
    body.push(line);
  }
  return dedent(body.join('\n'));
}

import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A problem in one content file, located as precisely as the parser allows (1-based line). */
export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

type Parsed<T> = { ok: true; value: T; body: string } | { ok: false; problems: ContentProblem[] };

const OPENING = /^---\r?\n/;
const CLOSING = /^---\s*$/m;

/**
 * Splits a Markdown file into YAML front matter and body and validates the front matter with
 * `schema`. Every problem names the file and the line of the offending value, so an author can
 * jump straight to it; YAML syntax errors, schema violations and a missing body are all reported.
 */
export function parseFrontMatter<S extends z.ZodType>(
  file: string,
  source: string,
  schema: S,
): Parsed<z.output<S>> {
  if (!OPENING.test(source)) {
    return fail(file, 1, 'must start with a "---" line opening the YAML front matter');
  }
  const afterOpening = source.replace(OPENING, '');
  const closing = CLOSING.exec(afterOpening);
  if (!closing) return fail(file, 1, 'front matter is never closed by a "---" line');

  const yamlText = afterOpening.slice(0, closing.index);
  const body = afterOpening.slice(closing.index + closing[0].length).trim();
  const parsed = parseYaml(file, yamlText, schema, 1); // +1 for the opening ---
  return parsed.ok ? { ok: true, value: parsed.value, body } : parsed;
}

/**
 * Parses a YAML document and validates it with `schema`; every problem names the file and the line
 * of the offending value. `lineOffset` is how many lines precede the YAML in its file.
 */
export function parseYaml<S extends z.ZodType>(
  file: string,
  yamlText: string,
  schema: S,
  lineOffset = 0,
): { ok: true; value: z.output<S> } | { ok: false; problems: ContentProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: lineAt(error.pos[0]),
        message: `invalid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }

  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
        return {
          file,
          line: lineOfPath(doc, path, lineAt),
          message: path.length ? `${path.join('.')}: ${issue.message}` : issue.message,
        };
      }),
    };
  }
  return { ok: true, value: result.data as z.output<S> };
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOfPath(
  doc: ReturnType<typeof parseDocument>,
  path: (string | number)[],
  lineAt: (offset: number) => number,
): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return 1;
}

function fail(file: string, line: number, message: string): Parsed<never> {
  return { ok: false, problems: [{ file, line, message }] };
}

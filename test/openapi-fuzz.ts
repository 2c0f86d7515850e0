import fc from 'fast-check';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
export interface OpenApiOperation {
  parameters?: { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

/** One request the fuzzer sends. `payload` is a raw string so that broken JSON can be sent too. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was done to the request, for the failure message. */
  how: string;
}

/** Strings that have broken servers before: NUL, controls, lone surrogates, traversal, injection, size. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[31mred',
  '\u0085\u2028\u2029',
  '\ud800',
  '\udfff\ud800',
  '😀👩‍👩‍👧‍👦',
  'ｆｕｌｌｗｉｄｔｈ',
  'Ω≈ç√∫',
  '\u202eevil',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%',
  '%E0%A4%A',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'true',
];

const hugeString = fc.constantFrom(20_001, 100_001, 300_000).map((n) => 'x'.repeat(n));
/** A plausible text with one control character somewhere in it — NUL, which PostgreSQL cannot store, most often. */
const controlCode = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x1f }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }) },
);
const withControl = fc
  .tuple(fc.string({ maxLength: 20 }), controlCode, fc.string({ maxLength: 20 }))
  .map(([before, code, after]) => `${before}${String.fromCharCode(code)}${after}`);

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: withControl },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Any JSON value of the wrong kind for a field: null, numbers, nested shapes, nasty strings. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.MIN_VALUE),
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') as unknown),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => i)),
);

function resolve(schema: JsonSchema, doc: OpenApiDoc): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return doc.components?.schemas?.[name] ?? {};
}

/**
 * Values that satisfy `schema` (most of the time: patterns are honoured, lengths roughly). With
 * `hostile`, every string in the value may instead be a nasty one (NUL, controls, huge, traversal…),
 * so the shape passes and the content is what is tested.
 */
function valid(schema: JsonSchema, doc: OpenApiDoc, depth = 0, hostile = false): fc.Arbitrary<unknown> {
  const proper = properValue(schema, doc, depth, hostile);
  const s = resolve(schema, doc);
  const isString = s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));
  return hostile && isString && !s.enum ? fc.oneof(proper, nastyString, withControl) : proper;
}

function properValue(schema: JsonSchema, doc: OpenApiDoc, depth: number, hostile: boolean): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valid(v, doc, depth + 1, hostile)));
  if (s.allOf?.length) return valid(s.allOf[0]!, doc, depth + 1, hostile);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.emailAddress();
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 10_000));
        } catch {
          return fc.string({ maxLength: s.maxLength ?? 40 });
        }
      }
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 200) });
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? -1_000), max: Math.floor(s.maximum ?? 1_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 4) return fc.constant([]);
      return fc.array(valid(s.items ?? {}, doc, depth + 1, hostile), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const shape = Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, valid(child, doc, depth + 1, hostile)]),
      );
      return fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid body with one thing wrong: a field of the wrong kind, a field missing, or a key too many. */
function mutatedObject(schema: JsonSchema, doc: OpenApiDoc): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const keys = Object.keys(s.properties ?? {});
  return fc
    .tuple(valid(s, doc), keys.length ? fc.constantFrom(...keys) : fc.constant('x'), nastyValue, nastyString)
    .chain(([base, key, value, extraKey]) =>
      fc.constantFrom<[string, unknown]>(
        ['wrong value', { ...(base as object), [key]: value }],
        ['missing field', Object.fromEntries(Object.entries(base as object).filter(([k]) => k !== key))],
        ['extra key', { ...(base as object), [extraKey]: value }],
        ['nested wrong value', { ...(base as object), [key]: { [extraKey]: value } }],
      ),
    )
    .map(([, body]) => body);
}

const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}'];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
  'application/jsonx',
  '',
];

/**
 * Percent-encodes like encodeURIComponent; a lone surrogate, which has no UTF-8 form, becomes the
 * bytes of an encoded surrogate (invalid UTF-8), which is exactly what a hostile client would send.
 */
function encode(value: string): string {
  return [...value]
    .map((char) => {
      const code = char.charCodeAt(0);
      return char.length === 1 && code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase()
        : encodeURIComponent(char);
    })
    .join('');
}

/** Path parameter values: ids that exist, plausible ones, traversal, encodings, nasty strings. */
function pathValue(schema: JsonSchema | undefined, doc: OpenApiDoc, known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known).map(encode) }] : []),
    { weight: 3, arbitrary: valid(schema ?? { type: 'string' }, doc).map((v) => encode(String(v))) },
    { weight: 2, arbitrary: nastyString.map((v) => encode(v.slice(0, 300))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '..',
        '..%2F..%2Fadmin',
        '%2e%2e%2f%2e%2e%2f',
        '%2F',
        '%00',
        '%252e%252e',
        '%E0%A4%A',
        'a'.repeat(150),
        '%ff%fe',
        '%u0000',
      ),
    },
  );
}

/** Other spellings of the same path: encoded prefix, a trailing slash, another case. */
const spelling = fc.constantFrom<[string, (url: string) => string]>(
  ['as is', (u) => u],
  ['as is', (u) => u],
  ['as is', (u) => u],
  ['encoded v', (u) => u.replace(/^\/v1\//, '/%761/')],
  ['encoded 1', (u) => u.replace(/^\/v1\//, '/v%31/')],
  ['trailing slash', (u) => u.replace(/(\?|$)/, '/$1')],
  ['upper case', (u) => u.replace(/^\/v1\//, '/V1/')],
  ['double slash', (u) => u.replace(/^\/v1\//, '/v1//')],
);

/** Every request the fuzzer may send to one operation. */
export function requestsFor(
  method: string,
  path: string,
  op: OpenApiOperation,
  doc: OpenApiDoc,
  headers: Record<string, string>,
  /** Values of path parameters that name things that exist, by parameter name. */
  known: Record<string, string[]> = {},
): fc.Arbitrary<FuzzRequest> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;

  const pathArb = fc
    .tuple(...pathParams.map((p) => pathValue(p.schema, doc, known[p.name] ?? [])))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), path));
  const queryArb = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.option(fc.oneof(valid(p.schema ?? {}, doc).map(String), nastyString), { nil: undefined }),
        ),
      ),
      fc.option(fc.tuple(nastyString, nastyString), { nil: undefined }),
    )
    .map(([values, extra]) => {
      const pairs = queryParams
        .map((p, i) => [p.name, values[i]] as const)
        .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
      if (extra) pairs.push([extra[0].slice(0, 100), extra[1].slice(0, 1_000)]);
      return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    });

  type Body = { payload?: string; contentType?: string; how: string };
  const bodies: fc.WeightedArbitrary<Body>[] = [{ weight: 1, arbitrary: fc.constant({ how: 'no body' }) }];
  const json = (how: string) => (b: unknown) => ({ payload: JSON.stringify(b), contentType: 'application/json', how });
  if (bodySchema) {
    bodies.push(
      { weight: 2, arbitrary: valid(bodySchema, doc).map(json('valid')) },
      { weight: 6, arbitrary: valid(bodySchema, doc, 0, true).map(json('hostile strings')) },
      { weight: 3, arbitrary: mutatedObject(bodySchema, doc).map(json('mutated')) },
      { weight: 1, arbitrary: nastyValue.map(json('wrong shape')) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...BROKEN_JSON)
          .map((p) => ({ payload: p, contentType: 'application/json', how: 'bad JSON' })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(valid(bodySchema, doc), fc.constantFrom(...WRONG_TYPES))
          .map(([b, type]) => ({ payload: JSON.stringify(b), contentType: type, how: `content type ${type}` })),
      },
    );
  } else {
    bodies.push({ weight: 1, arbitrary: nastyValue.map(json('unexpected body')) });
  }

  return fc
    .tuple(
      pathArb,
      queryArb,
      fc.oneof(...bodies),
      spelling,
      fc.integer({ min: 0, max: 9 }).map((n) => n > 1),
    )
    .map(([url, query, body, [spelled, respell], signedIn]) => {
      const full = respell(url) + (query ? `?${query}` : '');
      const requestHeaders: Record<string, string> = signedIn ? { ...headers } : {};
      if (body.contentType !== undefined && body.contentType !== '') requestHeaders['content-type'] = body.contentType;
      return {
        method,
        url: full,
        headers: requestHeaders,
        ...(body.payload === undefined ? {} : { payload: body.payload }),
        how: `${body.how}, ${spelled}, ${signedIn ? 'signed in' : 'anonymous'}`,
      };
    });
}

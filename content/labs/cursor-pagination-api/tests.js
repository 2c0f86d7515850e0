/**
 * HTTP-level contract tests. Each test starts the candidate's handler on a real node:http server on
 * 127.0.0.1 (port 0), sends real requests, closes the server and returns what it saw as JSON.
 */

/** Starts `handler`, runs `fn(request)` and always closes the server; errors thrown by the handler are re-thrown. */
async function serve(handler, fn) {
  const http = await import('node:http');
  const errors = [];
  const server = http.createServer((req, res) => {
    const fail = (error) => {
      errors.push(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    };
    try {
      const result = handler(req, res);
      if (result && typeof result.then === 'function') result.then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  /** One request on its own connection; resolves to { status, headers, text, json }. */
  const request = (method, path, { body, headers = {} } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const allHeaders = { ...headers };
      if (payload !== undefined) allHeaders['Content-Length'] = Buffer.byteLength(payload);
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: allHeaders, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, headers: res.headers, text, json: parseJson(text) });
        });
      });
      req.setTimeout(1000, () =>
        req.destroy(new Error(`${method} ${path} got no response within 1 s: does every path end the response?`)),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });

  try {
    const value = await fn(request);
    if (errors.length > 0) throw errors[0];
    return value;
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  }
}

/** The parsed body, or null when it is not JSON. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

const book = (id) => ({ id, title: `Book ${id}`, author: `Author ${id % 7}`, year: 1900 + (id % 100) });
const books = (...ids) => ids.map(book);
const range = (from, to, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** The media type of a response, without parameters such as charset. */
const mediaType = (r) => (r.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/** What a test checks of an error response: status, media type, the body's status, a non-empty title. */
const problem = (r) => [r.status, mediaType(r), r.json?.status ?? null, typeof r.json?.title === 'string' && r.json.title.length > 0];

const ids = (r) => (Array.isArray(r.json?.data) ? r.json.data.map((b) => b?.id) : r.status);

/** Follows next_cursor from the first page, inserting or deleting rows between pages via `between(pageNumber)`. */
async function walk(request, limit, between = () => {}) {
  const pages = [];
  let cursor = null;
  for (let n = 1; n <= 10; n++) {
    const query = `limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const r = await request('GET', `/v1/books?${query}`);
    pages.push(ids(r));
    cursor = r.json?.next_cursor ?? null;
    if (r.status !== 200 || cursor === null) break;
    between(n);
  }
  return pages;
}

export default {
  'the first page uses the default limit of 20': ({ createHandler }) =>
    serve(createHandler(books(...range(1, 25))), async (request) => {
      const r = await request('GET', '/v1/books');
      const data = r.json?.data ?? [];
      return [r.status, mediaType(r), data.length, data[0]?.id ?? null, data.at(-1)?.id ?? null, typeof r.json?.next_cursor];
    }),
  'pages through every book in id order': ({ createHandler }) =>
    serve(createHandler(books(42, 7, 19, 3, 100, 60)), async (request) => {
      const first = await request('GET', '/v1/books?limit=3');
      const cursor = first.json?.next_cursor;
      const second = await request('GET', `/v1/books?limit=3&cursor=${encodeURIComponent(String(cursor))}`);
      return [first.json?.data?.[0] ?? null, ids(first), typeof cursor, ids(second), second.json?.next_cursor];
    }),
  'creating a book returns 201 with a Location': ({ createHandler }) =>
    serve(createHandler(books(1, 2, 3)), async (request) => {
      const created = await request('POST', '/v1/books', {
        headers: JSON_TYPE,
        body: { title: 'Dune', author: 'Frank Herbert', year: 1965 },
      });
      const location = created.headers.location ?? null;
      const fetched = location ? await request('GET', location) : null;
      return [created.status, location, created.json, fetched?.status ?? null, fetched?.json ?? null];
    }),
  'rows inserted between pages are neither repeated nor skipped': ({ createHandler }) => {
    const table = books(...range(10, 100, 10));
    return serve(createHandler(table), (request) =>
      walk(request, 4, (page) => {
        // Another writer (a back-fill job) adds rows behind and ahead of the client's position.
        if (page === 1) table.push(book(15), book(5), book(95));
      }),
    );
  },
  'deleting the last row of a page does not restart the listing': ({ createHandler }) => {
    const table = books(1, 2, 3, 4, 5, 6);
    return serve(createHandler(table), (request) =>
      walk(request, 2, (page) => {
        if (page === 1) table.splice(table.findIndex((b) => b.id === 2), 1);
      }),
    );
  },
  'an invalid limit is a 400 problem': ({ createHandler }) =>
    serve(createHandler(books(...range(1, 150))), async (request) => {
      const invalid = [];
      for (const limit of ['0', '101', 'abc', '-1', '2.5', '10abc']) {
        invalid.push(problem(await request('GET', `/v1/books?limit=${encodeURIComponent(limit)}`)));
      }
      const max = await request('GET', '/v1/books?limit=100');
      const one = await request('GET', '/v1/books?limit=1');
      return [invalid, max.json?.data?.length ?? max.status, one.json?.data?.length ?? one.status];
    }),
  'a malformed cursor is a 400 problem': ({ createHandler }) =>
    serve(createHandler(books(...range(1, 30))), async (request) => {
      const seen = [];
      for (const cursor of ['!!!', 'not a cursor', 'eyJpZCI6']) {
        seen.push(problem(await request('GET', `/v1/books?limit=5&cursor=${encodeURIComponent(cursor)}`)));
      }
      return seen;
    }),
  'unknown books and routes are 404 problems': ({ createHandler }) =>
    serve(createHandler(books(1, 2, 3)), async (request) => [
      problem(await request('GET', '/v1/books/999')),
      problem(await request('GET', '/v1/books/abc')),
      problem(await request('GET', '/v1/authors')),
      (await request('GET', '/v1/books/2')).json,
    ]),
  'an invalid book is rejected and nothing is stored': ({ createHandler }) =>
    serve(createHandler(books(1, 2)), async (request) => {
      const post = async (body, headers = JSON_TYPE) => problem(await request('POST', '/v1/books', { headers, body }));
      const dune = { title: 'Dune', author: 'Frank Herbert', year: 1965 };
      const rejected = [
        await post('{"title": "Dune",'),
        await post([]),
        await post({ title: 'Dune', year: 1965 }),
        await post({ title: '   ', author: 'Frank Herbert', year: 1965 }),
        await post({ title: 'Dune', author: 'Frank Herbert', year: '1965' }),
        await post({ title: 'Dune', author: 'Frank Herbert', year: 1965.5 }),
        await post(dune, { 'Content-Type': 'text/plain' }),
        await post(dune, {}),
      ];
      const list = await request('GET', '/v1/books');
      return [rejected, ids(list)];
    }),
  'a client id is ignored and a charset is fine': ({ createHandler }) =>
    serve(createHandler(books(1, 2)), async (request) => {
      const created = await request('POST', '/v1/books', {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { id: 1, title: 'Dune', author: 'Frank Herbert', year: 1965 },
      });
      const original = await request('GET', '/v1/books/1');
      return [created.status, created.headers.location ?? null, created.json?.id ?? null, original.json];
    }),
};

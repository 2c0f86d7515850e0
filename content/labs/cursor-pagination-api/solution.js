import { Buffer } from 'node:buffer';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** RFC 9457 problem details: the error format every error response of this API uses. */
function sendProblem(res, status, title, detail) {
  sendJson(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

function sendJson(res, status, value, contentType = 'application/json', headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * The cursor is "the id of the last book the client saw", wrapped so clients treat it as opaque.
 * Keyset pagination (`id > after`) cannot skip or repeat rows when others are inserted or deleted
 * between pages, unlike an offset. In SQL: WHERE id > $1 ORDER BY id LIMIT $2 + 1.
 */
function encodeCursor(id) {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}

/** The id in the cursor, or null if the cursor is not one this API produced. */
function decodeCursor(cursor) {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return decoded !== null && typeof decoded === 'object' && Number.isSafeInteger(decoded.after) ? decoded.after : null;
  } catch {
    return null;
  }
}

function listBooks(books, url, res) {
  const rawLimit = url.searchParams.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    // Only plain digits: parseInt would happily read "10abc" as 10.
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      return sendProblem(res, 400, 'Invalid limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
  }
  const rawCursor = url.searchParams.get('cursor');
  let after = null;
  if (rawCursor !== null) {
    after = decodeCursor(rawCursor);
    if (after === null) return sendProblem(res, 400, 'Invalid cursor', 'cursor must be a next_cursor value returned by this API');
  }
  const remaining = books.filter((book) => after === null || book.id > after).sort((a, b) => a.id - b.id);
  // Taking one more than the page needs tells us whether another page exists, so the last page
  // says next_cursor: null instead of sending the client to an empty page.
  const page = remaining.slice(0, limit);
  const nextCursor = remaining.length > limit ? encodeCursor(page[page.length - 1].id) : null;
  sendJson(res, 200, { data: page, next_cursor: nextCursor });
}

function showBook(books, rawId, res) {
  const book = /^\d+$/.test(rawId) ? books.find((b) => b.id === Number(rawId)) : undefined;
  if (!book) return sendProblem(res, 404, 'Book not found', `there is no book with id ${rawId}`);
  sendJson(res, 200, book);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The list of problems with a create request's fields (empty when it is valid). */
function validate(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return ['the body must be a JSON object'];
  const errors = [];
  const nonEmpty = (value) => typeof value === 'string' && value.trim().length > 0;
  if (!nonEmpty(input.title) || input.title.length > 200) errors.push('title must be a non-empty string of at most 200 characters');
  if (!nonEmpty(input.author)) errors.push('author must be a non-empty string');
  if (!Number.isInteger(input.year) || input.year < 1 || input.year > 9999) errors.push('year must be an integer from 1 to 9999');
  return errors;
}

async function createBook(books, req, res) {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return sendProblem(res, 415, 'Unsupported media type', 'send the book as application/json');
  }
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    return sendProblem(res, 400, 'Malformed JSON', 'the request body is not valid JSON');
  }
  const errors = validate(input);
  if (errors.length > 0) return sendProblem(res, 422, 'Invalid book', errors.join('; '));
  // Copy only the known fields: a client must not choose the id (or smuggle in anything else).
  const id = books.reduce((max, book) => Math.max(max, book.id), 0) + 1;
  const book = { id, title: input.title, author: input.author, year: input.year };
  books.push(book);
  sendJson(res, 201, book, 'application/json', { Location: `/v1/books/${id}` });
}

/** A node:http request handler serving /v1/books from `books`, which it reads and appends to in place. */
export function createHandler(books = []) {
  return async function handler(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const one = /^\/v1\/books\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/v1/books' && req.method === 'GET') return listBooks(books, url, res);
    if (url.pathname === '/v1/books' && req.method === 'POST') return createBook(books, req, res);
    if (one && req.method === 'GET') return showBook(books, one[1], res);
    sendProblem(res, 404, 'Not found', `no route for ${req.method} ${url.pathname}`);
  };
}

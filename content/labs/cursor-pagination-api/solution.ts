import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Book {
  id: number;
  title: string;
  author: string;
  year: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function sendJson(res: ServerResponse, status: number, value: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Every error is an RFC 9457 problem document. */
function sendProblem(res: ServerResponse, status: number, title: string, detail: string): void {
  sendJson(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

/**
 * Keyset pagination: the cursor carries the last id the client saw, base64url-wrapped so clients
 * cannot build on its format. `id > after` survives inserts and deletes between pages; an offset
 * does not. The SQL version is WHERE id > $1 ORDER BY id LIMIT $2 + 1, served by the primary key.
 */
function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (decoded === null || typeof decoded !== 'object') return null;
    const after = (decoded as { after?: unknown }).after;
    return typeof after === 'number' && Number.isSafeInteger(after) ? after : null;
  } catch {
    return null;
  }
}

function listBooks(books: Book[], url: URL, res: ServerResponse): void {
  const rawLimit = url.searchParams.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN; // parseInt would accept "10abc"
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      return sendProblem(res, 400, 'Invalid limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
  }
  const rawCursor = url.searchParams.get('cursor');
  let after: number | null = null;
  if (rawCursor !== null) {
    after = decodeCursor(rawCursor);
    if (after === null) return sendProblem(res, 400, 'Invalid cursor', 'cursor must be a next_cursor value returned by this API');
  }
  const from = after;
  const remaining = books.filter((book) => from === null || book.id > from).sort((a, b) => a.id - b.id);
  // Looking one row past the page tells whether more exist, so the last page has next_cursor null.
  const page = remaining.slice(0, limit);
  const nextCursor = remaining.length > limit ? encodeCursor(page[page.length - 1].id) : null;
  sendJson(res, 200, { data: page, next_cursor: nextCursor });
}

function showBook(books: Book[], rawId: string, res: ServerResponse): void {
  const book = /^\d+$/.test(rawId) ? books.find((b) => b.id === Number(rawId)) : undefined;
  if (!book) return sendProblem(res, 404, 'Book not found', `there is no book with id ${rawId}`);
  sendJson(res, 200, book);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type NewBook = Omit<Book, 'id'>;

/** The fields of a valid create request, or the list of what is wrong with it. */
function validate(input: unknown): NewBook | string[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return ['the body must be a JSON object'];
  const { title, author, year } = input as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) {
    errors.push('title must be a non-empty string of at most 200 characters');
  }
  if (typeof author !== 'string' || author.trim() === '') errors.push('author must be a non-empty string');
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1 || year > 9999) {
    errors.push('year must be an integer from 1 to 9999');
  }
  // Only the known fields are kept: a client cannot choose the id.
  return errors.length > 0 ? errors : { title: title as string, author: author as string, year: year as number };
}

async function createBook(books: Book[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return sendProblem(res, 415, 'Unsupported media type', 'send the book as application/json');
  }
  let input: unknown;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    return sendProblem(res, 400, 'Malformed JSON', 'the request body is not valid JSON');
  }
  const fields = validate(input);
  if (Array.isArray(fields)) return sendProblem(res, 422, 'Invalid book', fields.join('; '));
  const id = books.reduce((max, book) => Math.max(max, book.id), 0) + 1;
  const book: Book = { id, ...fields };
  books.push(book);
  sendJson(res, 201, book, 'application/json', { Location: `/v1/books/${id}` });
}

/** A node:http handler serving /v1/books from `books`, which it reads and appends to in place. */
export function createHandler(books: Book[] = []): Handler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const one = /^\/v1\/books\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/v1/books' && req.method === 'GET') return listBooks(books, url, res);
    if (url.pathname === '/v1/books' && req.method === 'POST') return createBook(books, req, res);
    if (one && req.method === 'GET') return showBook(books, one[1], res);
    sendProblem(res, 404, 'Not found', `no route for ${req.method} ${url.pathname}`);
  };
}

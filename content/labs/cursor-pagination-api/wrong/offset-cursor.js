// Wrong: the "cursor" is just an encoded offset, so rows inserted or deleted before it between pages shift the window (repeats and skips).
import { Buffer } from 'node:buffer';

function send(res, status, value, type = 'application/json', headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(JSON.stringify(value));
}

const problem = (res, status, title) => send(res, status, { type: 'about:blank', title, status }, 'application/problem+json');

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export function createHandler(books = []) {
  return async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const match = /^\/v1\/books\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/v1/books' && req.method === 'GET') {
      const rawLimit = url.searchParams.get('limit') ?? '20';
      const limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : 0;
      if (limit < 1 || limit > 100) return problem(res, 400, 'Invalid limit');
      let offset = 0;
      const cursor = url.searchParams.get('cursor');
      if (cursor !== null) {
        const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
        if (!/^\d+$/.test(decoded)) return problem(res, 400, 'Invalid cursor');
        offset = Number(decoded);
      }
      const sorted = [...books].sort((a, b) => a.id - b.id);
      const page = sorted.slice(offset, offset + limit);
      const next = offset + limit < sorted.length ? Buffer.from(String(offset + limit)).toString('base64url') : null;
      return send(res, 200, { data: page, next_cursor: next });
    }
    if (url.pathname === '/v1/books' && req.method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
      if (type !== 'application/json') return problem(res, 415, 'Unsupported media type');
      let input;
      try {
        input = JSON.parse(await readBody(req));
      } catch {
        return problem(res, 400, 'Malformed JSON');
      }
      const ok =
        input && typeof input === 'object' && !Array.isArray(input) &&
        typeof input.title === 'string' && input.title.trim() && input.title.length <= 200 &&
        typeof input.author === 'string' && input.author.trim() &&
        Number.isInteger(input.year) && input.year >= 1 && input.year <= 9999;
      if (!ok) return problem(res, 422, 'Invalid book');
      const book = { id: Math.max(0, ...books.map((b) => b.id)) + 1, title: input.title, author: input.author, year: input.year };
      books.push(book);
      return send(res, 201, book, 'application/json', { Location: `/v1/books/${book.id}` });
    }
    if (match && req.method === 'GET') {
      const book = books.find((b) => String(b.id) === match[1]);
      return book ? send(res, 200, book) : problem(res, 404, 'Book not found');
    }
    problem(res, 404, 'Not found');
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Book {
  id: number;
  title: string;
  author: string;
  year: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Serves /v1/books from `books`: read it on every request and push new books onto it. */
export function createHandler(books: Book[] = []): Handler {
  return async (req, res) => {
    res.writeHead(501, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Not implemented', status: 501 }));
  };
}

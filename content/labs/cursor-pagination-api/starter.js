/**
 * @typedef {{ id: number, title: string, author: string, year: number }} Book
 */

/**
 * Serves /v1/books from `books`: read it on every request and push new books onto it.
 * @param {Book[]} [books]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void | Promise<void>}
 */
export function createHandler(books = []) {
  return async (req, res) => {
    res.writeHead(501, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Not implemented', status: 501 }));
  };
}

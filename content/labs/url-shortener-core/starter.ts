export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function encodeBase62(n: number): string {
  return '';
}

export function decodeBase62(code: string): number {
  return 0;
}

export interface Resolution {
  status: 302 | 404;
  location: string | null;
}

export class Shortener {
  constructor({ nextId }: { nextId?: () => number } = {}) {}

  shorten(url: string, alias?: string | null): string | null {
    return null;
  }

  resolve(code: string): Resolution {
    return { status: 404, location: null };
  }

  clicks(code: string): number {
    return 0;
  }
}

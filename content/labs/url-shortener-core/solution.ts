const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));
const ALIAS = /^[0-9A-Za-z_-]{1,32}$/;

export function encodeBase62(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot encode ${n}`);
  const digits: string[] = [];
  do {
    digits.push(ALPHABET[n % 62]);
    n = Math.floor(n / 62);
  } while (n > 0);
  // Remainders come out least significant first.
  return digits.reverse().join('');
}

export function decodeBase62(code: string): number {
  if (code.length === 0) throw new RangeError('empty code');
  let n = 0;
  for (const ch of code) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new RangeError(`invalid character ${JSON.stringify(ch)}`);
    n = n * 62 + digit;
    if (!Number.isSafeInteger(n)) throw new RangeError('code is too large');
  }
  return n;
}

function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export interface Resolution {
  status: 302 | 404;
  location: string | null;
}

interface Link {
  url: string;
  clicks: number;
}

export class Shortener {
  private readonly nextId: () => number;
  private readonly links = new Map<string, Link>();
  /** URL -> the code generated for it without an alias. */
  private readonly generated = new Map<string, string>();

  constructor({ nextId }: { nextId?: () => number } = {}) {
    let counter = 0;
    this.nextId = nextId ?? (() => ++counter);
  }

  shorten(url: string, alias?: string | null): string | null {
    if (!isWebUrl(url)) throw new TypeError(`not an http(s) URL: ${url}`);
    if (alias != null) {
      if (!ALIAS.test(alias)) throw new TypeError(`invalid alias: ${alias}`);
      const taken = this.links.get(alias);
      if (taken) return taken.url === url ? alias : null;
      this.links.set(alias, { url, clicks: 0 });
      return alias;
    }
    const existing = this.generated.get(url);
    if (existing !== undefined) return existing;
    let code = encodeBase62(this.nextId());
    while (this.links.has(code)) code = encodeBase62(this.nextId());
    this.links.set(code, { url, clicks: 0 });
    this.generated.set(url, code);
    return code;
  }

  resolve(code: string): Resolution {
    const link = this.links.get(code);
    if (!link) return { status: 404, location: null };
    link.clicks += 1;
    return { status: 302, location: link.url };
  }

  clicks(code: string): number {
    return this.links.get(code)?.clicks ?? 0;
  }
}

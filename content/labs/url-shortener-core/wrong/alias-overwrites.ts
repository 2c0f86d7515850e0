// Wrong: a custom alias is stored without checking whether it already points to another URL, so anyone can hijack a link.
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function encodeBase62(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot encode ${n}`);
  let code = '';
  do {
    code = ALPHABET[n % 62] + code;
    n = Math.floor(n / 62);
  } while (n > 0);
  return code;
}

export function decodeBase62(code: string): number {
  if (code.length === 0) throw new RangeError('empty code');
  let n = 0;
  for (const ch of code) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new RangeError('invalid character');
    n = n * 62 + digit;
    if (!Number.isSafeInteger(n)) throw new RangeError('code is too large');
  }
  return n;
}

export interface Resolution {
  status: 302 | 404;
  location: string | null;
}

export class Shortener {
  private readonly nextId: () => number;
  private readonly links = new Map<string, { url: string; clicks: number }>();
  private readonly generated = new Map<string, string>();

  constructor({ nextId }: { nextId?: () => number } = {}) {
    let counter = 0;
    this.nextId = nextId ?? (() => ++counter);
  }

  shorten(url: string, alias?: string | null): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TypeError('invalid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('invalid URL');
    if (alias != null) {
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(alias)) throw new TypeError('invalid alias');
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

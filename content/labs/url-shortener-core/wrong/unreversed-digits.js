// Wrong: appends each remainder instead of prepending it, so digits come out least significant first ("01" for 62).
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function encodeBase62(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot encode ${n}`);
  let code = '';
  do {
    code += ALPHABET[n % 62];
    n = Math.floor(n / 62);
  } while (n > 0);
  return code;
}

export function decodeBase62(code) {
  if (code.length === 0) throw new RangeError('empty code');
  let n = 0;
  // Reads the digits in the same (reversed) order, so its own round trips still "work".
  for (let i = code.length - 1; i >= 0; i--) {
    const digit = ALPHABET.indexOf(code[i]);
    if (digit < 0) throw new RangeError('invalid character');
    n = n * 62 + digit;
    if (!Number.isSafeInteger(n)) throw new RangeError('code is too large');
  }
  return n;
}

export class Shortener {
  constructor({ nextId } = {}) {
    let counter = 0;
    this.nextId = nextId ?? (() => ++counter);
    this.links = new Map();
    this.generated = new Map();
  }

  shorten(url, alias) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new TypeError('invalid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('invalid URL');
    if (alias != null) {
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(alias)) throw new TypeError('invalid alias');
      const taken = this.links.get(alias);
      if (taken) return taken.url === url ? alias : null;
      this.links.set(alias, { url, clicks: 0 });
      return alias;
    }
    if (this.generated.has(url)) return this.generated.get(url);
    let code = encodeBase62(this.nextId());
    while (this.links.has(code)) code = encodeBase62(this.nextId());
    this.links.set(code, { url, clicks: 0 });
    this.generated.set(url, code);
    return code;
  }

  resolve(code) {
    const link = this.links.get(code);
    if (!link) return { status: 404, location: null };
    link.clicks += 1;
    return { status: 302, location: link.url };
  }

  clicks(code) {
    return this.links.get(code)?.clicks ?? 0;
  }
}

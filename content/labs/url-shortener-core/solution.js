const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = new Map([...ALPHABET].map((ch, i) => [ch, i]));
const ALIAS = /^[0-9A-Za-z_-]{1,32}$/;

export function encodeBase62(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot encode ${n}`);
  // do/while so that 0 still produces one digit.
  let code = '';
  do {
    code = ALPHABET[n % 62] + code; // prepend: the last remainder is the most significant digit
    n = Math.floor(n / 62);
  } while (n > 0);
  return code;
}

export function decodeBase62(code) {
  if (typeof code !== 'string' || code.length === 0) throw new RangeError('empty code');
  let n = 0;
  for (const ch of code) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new RangeError(`invalid character ${JSON.stringify(ch)}`);
    n = n * 62 + digit;
    // Every earlier step was exact, so a true value above 2^53 - 1 rounds to 2^53 or more.
    if (!Number.isSafeInteger(n)) throw new RangeError('code is too large');
  }
  return n;
}

function isWebUrl(url) {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export class Shortener {
  constructor({ nextId } = {}) {
    let counter = 0;
    this.nextId = nextId ?? (() => ++counter);
    this.links = new Map(); // code -> { url, clicks }
    this.generated = new Map(); // url -> code generated for it (aliases are not recorded here)
  }

  shorten(url, alias) {
    if (!isWebUrl(url)) throw new TypeError(`not an http(s) URL: ${url}`);
    if (alias !== undefined && alias !== null) return this.claimAlias(url, alias);

    const existing = this.generated.get(url);
    if (existing !== undefined) return existing;
    let code;
    do code = encodeBase62(this.nextId());
    while (this.links.has(code)); // skip ids whose code a vanity alias already took
    this.links.set(code, { url, clicks: 0 });
    this.generated.set(url, code);
    return code;
  }

  claimAlias(url, alias) {
    if (typeof alias !== 'string' || !ALIAS.test(alias)) throw new TypeError(`invalid alias: ${alias}`);
    const taken = this.links.get(alias);
    if (taken) return taken.url === url ? alias : null; // never overwrite someone else's link
    this.links.set(alias, { url, clicks: 0 });
    return alias;
  }

  resolve(code) {
    const link = this.links.get(code);
    if (!link) return { status: 404, location: null };
    link.clicks += 1;
    // 302, not 301: a permanent redirect gets cached by browsers and later clicks never reach us.
    return { status: 302, location: link.url };
  }

  clicks(code) {
    return this.links.get(code)?.clicks ?? 0;
  }
}

/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** An injected id source that hands out `ids` in turn and counts how often it was asked. */
function idSource(ids) {
  const source = { calls: 0 };
  source.nextId = () => {
    const id = ids[source.calls];
    source.calls += 1;
    if (id === undefined) throw new Error('nextId called more often than expected');
    return id;
  };
  return source;
}

function outcome(fn) {
  try {
    return fn();
  } catch {
    return 'error';
  }
}

export default {
  'encodes small numbers most significant digit first': ({ encodeBase62 }) =>
    [0, 1, 9, 10, 35, 36, 61, 62, 125, 3843, 3844].map((n) => encodeBase62(n)),

  'shortens and resolves a link': ({ Shortener }) => {
    const ids = idSource([125]);
    const s = new Shortener({ nextId: ids.nextId });
    const code = s.shorten('https://example.com/spring?utm=mail');
    return [code, s.resolve(code), s.resolve('nope')];
  },

  'round-trips up to the largest safe integer': ({ encodeBase62, decodeBase62 }) => {
    const values = [0, 1, 61, 62, 3843, 3844, 916132831, 56800235583, 2 ** 31, 2 ** 52 + 7, Number.MAX_SAFE_INTEGER];
    const codes = values.map((n) => encodeBase62(n));
    return [codes, codes.every((code, i) => decodeBase62(code) === values[i]), decodeBase62('a'), decodeBase62('A')];
  },

  'rejects invalid numbers and codes': ({ encodeBase62, decodeBase62 }) => [
    outcome(() => encodeBase62(-1)),
    outcome(() => encodeBase62(Number.MAX_SAFE_INTEGER + 1)),
    outcome(() => decodeBase62('')),
    outcome(() => decodeBase62('ab-c')),
    outcome(() => decodeBase62('FfGNdXsE7')),
    outcome(() => decodeBase62('FfGNdXsE8')),
    outcome(() => decodeBase62('zzzzzzzzzz')),
  ],

  'the same URL gets the same code': ({ Shortener }) => {
    const ids = idSource([1000, 1001, 1002]);
    const s = new Shortener({ nextId: ids.nextId });
    const first = s.shorten('https://example.com/a');
    const again = s.shorten('https://example.com/a');
    const other = s.shorten('https://example.com/b');
    const third = s.shorten('https://example.com/a');
    return [first, again, other, third, ids.calls];
  },

  'only http and https URLs are accepted': ({ Shortener }) => {
    const ids = idSource([7, 8]);
    const s = new Shortener({ nextId: ids.nextId });
    const urls = [
      'ftp://files.example.com/report.pdf',
      'javascript:alert(1)',
      'example.com/page',
      'https://',
      '',
      'http://example.com',
      'https://shop.example.com:8443/cart?id=3#top',
    ];
    return [urls.map((url) => outcome(() => s.shorten(url))), ids.calls];
  },

  'a taken alias is never overwritten': ({ Shortener }) => {
    const ids = idSource([500]);
    const s = new Shortener({ nextId: ids.nextId });
    const fall = 'https://example.com/fall';
    return [
      s.shorten(fall, 'spring-sale'),
      s.shorten('https://evil.example.net/', 'spring-sale'),
      s.shorten(fall, 'spring-sale'),
      s.resolve('spring-sale'),
      s.shorten(fall),
      s.shorten('https://example.com/other', s.shorten(fall)),
      ids.calls,
    ];
  },

  'aliases must be 1 to 32 safe characters': ({ Shortener }) => {
    const s = new Shortener({ nextId: idSource([]).nextId });
    const url = 'https://example.com/x';
    return ['', 'has space', 'a/b', 'x'.repeat(33), 'x'.repeat(32), 'Q', 'black_friday-2024'].map((alias) =>
      outcome(() => s.shorten(url, alias)),
    );
  },

  'generated codes skip codes taken by aliases': ({ Shortener }) => {
    const ids = idSource([125, 126]);
    const s = new Shortener({ nextId: ids.nextId });
    const vanity = s.shorten('https://example.com/vanity', '21');
    const code = s.shorten('https://example.com/plain');
    return [vanity, code, s.resolve('21').location, s.resolve(code).location, ids.calls];
  },

  'resolve counts clicks per code': ({ Shortener }) => {
    const ids = idSource([3844, 3845]);
    const s = new Shortener({ nextId: ids.nextId });
    const a = s.shorten('https://example.com/a');
    const b = s.shorten('https://example.com/b');
    for (let i = 0; i < 3; i++) s.resolve(a);
    s.resolve(b);
    s.resolve('missing');
    return [a, b, s.clicks(a), s.clicks(b), s.clicks('missing'), s.resolve(a).status];
  },
};

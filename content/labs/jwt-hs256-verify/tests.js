/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const NOW = 1700000000;
const SECRET = 's3cret-key';
const HS256 = { alg: 'HS256', typ: 'JWT' };

/** base64url of a string or of a value's JSON, exactly as an issuer would write it. */
const seg = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Builds a signed token with Node's own HMAC; `hash` lets a test sign with another algorithm. */
async function token(payload, { header = HS256, secret = SECRET, hash = 'sha256' } = {}) {
  const { createHmac } = await import('node:crypto');
  const signingInput = `${seg(header)}.${seg(payload)}`;
  return `${signingInput}.${createHmac(hash, secret).update(signingInput).digest('base64url')}`;
}

/** "ok" or the reason; "threw" if the verifier threw instead of answering. */
function check(verifyJwt, tokenValue, options) {
  try {
    const result = verifyJwt(tokenValue, SECRET, options);
    return result.ok ? 'ok' : result.reason;
  } catch {
    return 'threw';
  }
}

const VISIBLE_PAYLOAD = { sub: 'user-42', name: 'Zoë ~?>', iat: NOW - 60, exp: NOW + 600 };

export default {
  'a valid token is accepted': async ({ verifyJwt }) => verifyJwt(await token(VISIBLE_PAYLOAD), SECRET, { now: NOW }),
  'a tampered token fails the signature check': async ({ verifyJwt }) => {
    const payload = { sub: 'user-42', admin: false, exp: NOW + 600 };
    const [header, , signature] = (await token(payload)).split('.');
    const promoted = `${header}.${seg({ ...payload, admin: true })}.${signature}`;
    const otherSecret = await token(payload, { secret: 'other-key' });
    const flipped = `${header}.${seg(payload)}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    return [promoted, otherSecret, flipped].map((t) => check(verifyJwt, t, { now: NOW }));
  },
  'segments of every length decode': async ({ verifyJwt }) => {
    const out = [];
    for (const sub of ['a', 'ab', 'abc', 'abcd']) {
      const result = verifyJwt(await token({ sub }), SECRET, { now: NOW });
      out.push(result.ok ? result.payload.sub : result.reason);
    }
    return out;
  },
  'only HS256 is allowed': async ({ verifyJwt }) => {
    const payload = { sub: 'user-42', exp: NOW + 600 };
    const none = `${seg({ alg: 'none', typ: 'JWT' })}.${seg(payload)}.`;
    const tokens = [
      none,
      await token(payload, { header: { alg: 'none', typ: 'JWT' } }),
      await token(payload, { header: { alg: 'HS512', typ: 'JWT' }, hash: 'sha512' }),
      await token(payload, { header: { alg: 'hs256', typ: 'JWT' } }),
      await token(payload, { header: { typ: 'JWT' } }),
    ];
    return tokens.map((t) => check(verifyJwt, t, { now: NOW }));
  },
  'exp is exclusive without leeway': async ({ verifyJwt }) => [
    check(verifyJwt, await token({ sub: 'u', exp: NOW }), { now: NOW }),
    check(verifyJwt, await token({ sub: 'u', exp: NOW + 1 }), { now: NOW }),
    check(verifyJwt, await token({ sub: 'u', exp: NOW - 1 }), { now: NOW }),
  ],
  'leeway widens exp and nbf': async ({ verifyJwt }) => [
    check(verifyJwt, await token({ sub: 'u', exp: NOW - 30 }), { now: NOW, leewaySeconds: 30 }),
    check(verifyJwt, await token({ sub: 'u', exp: NOW - 29 }), { now: NOW, leewaySeconds: 30 }),
    check(verifyJwt, await token({ sub: 'u', nbf: NOW + 30 }), { now: NOW, leewaySeconds: 30 }),
    check(verifyJwt, await token({ sub: 'u', nbf: NOW + 31 }), { now: NOW, leewaySeconds: 30 }),
    check(verifyJwt, await token({ sub: 'u', nbf: NOW + 1 }), { now: NOW }),
  ],
  'audience must match when asked for': async ({ verifyJwt }) => {
    const wanted = { now: NOW, audience: 'orders-api' };
    return [
      check(verifyJwt, await token({ sub: 'u', aud: 'orders-api' }), wanted),
      check(verifyJwt, await token({ sub: 'u', aud: ['billing-api', 'orders-api'] }), wanted),
      check(verifyJwt, await token({ sub: 'u', aud: 'billing-api' }), wanted),
      check(verifyJwt, await token({ sub: 'u' }), wanted),
      check(verifyJwt, await token({ sub: 'u', aud: 'orders-api-staging' }), wanted),
      check(verifyJwt, await token({ sub: 'u', aud: 'billing-api' }), { now: NOW }),
    ];
  },
  'malformed tokens are reported, not thrown': async ({ verifyJwt }) => {
    const valid = await token(VISIBLE_PAYLOAD);
    const [header, payload, signature] = valid.split('.');
    const standardBase64 = valid.replaceAll('-', '+').replaceAll('_', '/');
    return [
      '',
      'abc',
      `${header}.${payload}`,
      `${valid}.extra`,
      `${seg('not json')}.${payload}.${signature}`,
      await token([1, 2, 3]),
      standardBase64,
      await token({ sub: 'u', exp: 'tomorrow' }),
      null,
    ].map((t) => check(verifyJwt, t, { now: NOW }));
  },
  'the signature is checked before the claims': async ({ verifyJwt }) => {
    const expired = { sub: 'u', exp: NOW - 3600, aud: 'orders-api' };
    const otherAudience = { sub: 'u', exp: NOW + 600, aud: 'billing-api' };
    const options = { now: NOW, audience: 'orders-api' };
    return [
      check(verifyJwt, await token(expired, { secret: 'other-key' }), options),
      check(verifyJwt, `${seg({ alg: 'none' })}.${seg(expired)}.`, options),
      check(verifyJwt, await token(otherAudience, { secret: 'other-key' }), options),
    ];
  },
};

/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const NOW = 1700000000;
const SECRET = 'csrf-secret';

/** A deterministic random source: call k returns `size` bytes all equal to k, and records the sizes asked for. */
function countingRandom() {
  const sizes = [];
  const random = (size) => {
    sizes.push(size);
    return Buffer.alloc(size, sizes.length);
  };
  return { random, sizes };
}

const issue = (issueToken, sessionId = 'sess-1', now = NOW) => issueToken(sessionId, SECRET, now, countingRandom().random);

/** checkToken's answer, or "threw" so one bad input does not hide the others. */
function safeCheck(checkToken, token, sessionId = 'sess-1', now = NOW, maxAge = 3600) {
  try {
    return checkToken(token, sessionId, SECRET, now, maxAge);
  } catch {
    return 'threw';
  }
}

/** Replaces the first character of a part with a different base64url character. */
const flipFirst = (part) => (part[0] === 'A' ? 'B' : 'A') + part.slice(1);

export default {
  'issueToken builds the documented format': ({ issueToken }) => {
    const { random, sizes } = countingRandom();
    return [issueToken('sess-1', SECRET, NOW, random), sizes];
  },
  'a fresh token passes for its own session': ({ issueToken, checkToken }) => {
    const token = issue(issueToken);
    return [checkToken(token, 'sess-1', SECRET, NOW, 3600), checkToken(token, 'sess-1', SECRET, NOW + 10, 3600)];
  },
  'safe methods skip the check': ({ shouldCheck }) => [shouldCheck('GET'), shouldCheck('POST')],
  'a token from another session is rejected': ({ issueToken, checkToken }) => {
    const token = issue(issueToken, 'sess-1');
    return [safeCheck(checkToken, token, 'sess-2'), safeCheck(checkToken, token, 'sess-10'), safeCheck(checkToken, token, 'sess-1')];
  },
  'tokens expire after maxAgeSeconds': ({ issueToken, checkToken }) => {
    const token = issue(issueToken);
    return [
      safeCheck(checkToken, token, 'sess-1', NOW + 3600, 3600),
      safeCheck(checkToken, token, 'sess-1', NOW + 3601, 3600),
      safeCheck(checkToken, token, 'sess-1', NOW - 1, 3600),
    ];
  },
  'tampering with any part fails': ({ issueToken, checkToken }) => {
    const token = issue(issueToken);
    const [issuedAt, nonce, mac] = token.split('.');
    const later = NOW + 4000;
    return [
      // Moving issuedAt forward would make an expired token young again.
      safeCheck(checkToken, `${Number(issuedAt) + 1000}.${nonce}.${mac}`, 'sess-1', later),
      safeCheck(checkToken, `${issuedAt}.${flipFirst(nonce)}.${mac}`),
      safeCheck(checkToken, `${issuedAt}.${nonce}.${flipFirst(mac)}`),
      checkToken(token, 'sess-1', 'another-secret', NOW, 3600),
    ];
  },
  'malformed tokens return false': ({ issueToken, checkToken }) => {
    const token = issue(issueToken);
    const [issuedAt, nonce, mac] = token.split('.');
    return [
      '',
      'abc',
      `${issuedAt}.${nonce}`,
      `${token}.extra`,
      `-5.${nonce}.${mac}`,
      `${issuedAt}.${nonce}.${mac}=`,
      null,
      12345,
    ].map((value) => safeCheck(checkToken, value));
  },
  'only GET, HEAD and OPTIONS skip the check': ({ shouldCheck }) =>
    ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'].map((method) => shouldCheck(method)),
  'every token gets its own nonce': ({ issueToken, checkToken }) => {
    const { random, sizes } = countingRandom();
    const first = issueToken('sess-1', SECRET, NOW, random);
    const second = issueToken('sess-1', SECRET, NOW, random);
    return [first !== second, checkToken(first, 'sess-1', SECRET, NOW, 3600), checkToken(second, 'sess-1', SECRET, NOW, 3600), sizes];
  },
};

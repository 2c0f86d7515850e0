/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const FAST = { N: 1024, r: 8, p: 1 };
const SALT = 'MDEyMzQ1Njc4OWFiY2RlZg=='; // the 16 ASCII bytes "0123456789abcdef"
// Generated with N=1024, r=8, p=1 for the password 'pässwörd 🔑' (Node and Python agree on these bytes).
const KNOWN = `scrypt$N=1024,r=8,p=1$${SALT}$lLEQ0/8HpINoezyBqAb/J1miaLbmzELBhkuoPinn8yg=`;
// The same salt with N=2048, r=4, p=2 for the password 'hunter2'.
const KNOWN_COSTLY = `scrypt$N=2048,r=4,p=2$${SALT}$Ms33nv8ZbdA2Zqj2GUWw7XB9blwJ2hfuCDiGvQxdpdw=`;
const ZERO_HASH = 'A'.repeat(43) + '=';

/** verifyPassword's answer, or "threw" so one bad input does not hide the others. */
function safeVerify(verifyPassword, password, stored) {
  try {
    return verifyPassword(password, stored);
  } catch {
    return 'threw';
  }
}

export default {
  'a hash verifies its own password only': ({ hashPassword, verifyPassword }) => {
    const stored = hashPassword('correct horse battery staple', FAST);
    return [verifyPassword('correct horse battery staple', stored), verifyPassword('Correct horse battery staple', stored)];
  },
  'the stored string follows the format': async ({ hashPassword }) => {
    const { scryptSync } = await import('node:crypto');
    const stored = hashPassword('correct horse battery staple', FAST);
    const [scheme, params, salt, hash] = stored.split('$');
    const saltBytes = Buffer.from(salt ?? '', 'base64');
    const recomputed = scryptSync('correct horse battery staple', saltBytes, 32, FAST).toString('base64');
    return [scheme, params, saltBytes.length, Buffer.from(hash ?? '', 'base64').length, recomputed === hash];
  },
  'the same password hashes differently each time': ({ hashPassword, verifyPassword }) => {
    const first = hashPassword('same password', FAST);
    const second = hashPassword('same password', FAST);
    return [first !== second, verifyPassword('same password', first), verifyPassword('same password', second)];
  },
  'verifies a known stored hash': ({ verifyPassword }) => [
    safeVerify(verifyPassword, 'pässwörd 🔑', KNOWN),
    safeVerify(verifyPassword, 'passwörd 🔑', KNOWN),
    safeVerify(verifyPassword, 'pässwörd 🔑 ', KNOWN),
  ],
  'verify reads N, r and p from the stored string': ({ hashPassword, verifyPassword }) => [
    safeVerify(verifyPassword, 'hunter2', KNOWN_COSTLY),
    safeVerify(verifyPassword, 'tr0ub4dor', hashPassword('tr0ub4dor', { N: 512, r: 2, p: 3 })),
  ],
  'malformed stored strings return false': ({ verifyPassword }) =>
    [
      '',
      'not a hash',
      KNOWN.replace('scrypt$', 'bcrypt$'),
      `scrypt$N=1024,r=8,p=1$${SALT}`,
      `${KNOWN}$extra`,
      `scrypt$N=abc,r=8,p=1$${SALT}$${ZERO_HASH}`,
      `scrypt$N=1000,r=8,p=1$${SALT}$${ZERO_HASH}`,
      `scrypt$N=1024,r=0,p=1$${SALT}$${ZERO_HASH}`,
      `scrypt$N=1048576,r=8,p=1$${SALT}$${ZERO_HASH}`,
      null,
    ].map((stored) => safeVerify(verifyPassword, 'pässwörd 🔑', stored)),
  'a truncated or empty hash never verifies': ({ verifyPassword }) => [
    // The first 16 bytes of the real hash: accepting it means the length came from the stored string.
    safeVerify(verifyPassword, 'pässwörd 🔑', `scrypt$N=1024,r=8,p=1$${SALT}$lLEQ0/8HpINoezyBqAb/Jw==`),
    safeVerify(verifyPassword, 'pässwörd 🔑', `scrypt$N=1024,r=8,p=1$${SALT}$`),
  ],
  'needsRehash compares the stored cost with the current one': ({ needsRehash }) => {
    const current = { N: 16384, r: 8, p: 1 };
    return [
      needsRehash(KNOWN, current),
      needsRehash(`scrypt$N=16384,r=8,p=1$${SALT}$${ZERO_HASH}`, current),
      needsRehash(`scrypt$N=16384,r=16,p=1$${SALT}$${ZERO_HASH}`, current),
      needsRehash(`scrypt$N=16384,r=8,p=2$${SALT}$${ZERO_HASH}`, current),
      needsRehash('md5$5f4dcc3b5aa765d61d8327deb882cf99', current),
    ];
  },
  'default parameters are N=16384, r=8, p=1': ({ hashPassword, verifyPassword, needsRehash }) => {
    const stored = hashPassword('open sesame');
    return [
      stored.startsWith('scrypt$N=16384,r=8,p=1$'),
      verifyPassword('open sesame', stored),
      needsRehash(stored, { N: 16384, r: 8, p: 1 }),
    ];
  },
};

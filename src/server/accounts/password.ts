import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { invalid } from '../errors.js';

/**
 * argon2id with OWASP's recommended minimum: 19 MiB of memory, 2 iterations, 1 lane. About 25–50 ms
 * per hash on a small server: cheap for one sign-in, ruinous for an offline guessing attack.
 */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PARAMS = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Constant-time in the password (argon2's own comparison); never throws on a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** True when a stored hash was made with weaker parameters than today's and should be redone. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_PARAMS);
}

/**
 * A real hash of a random password, verified against when an account does not exist, so that
 * sign-in takes as long for an unknown email as for a wrong password (no enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash.then((h) => verifyPassword(h, password));
}

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * NIST SP 800-63B style policy: long enough, not too long to hash, and not a known-breached or
 * easily guessed password (zxcvbn's offline lists of ~40k common passwords plus pattern matching).
 * Throws `weak_password` with a message that says how to do better.
 */
export function assertAcceptablePassword(password: string, userInputs: string[] = []): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw invalid(
      'weak_password',
      `Use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong, memorable password.`,
    );
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw invalid('weak_password', `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
  const result = zxcvbn.check(password, userInputs);
  const breached = result.sequence.some(
    (match) =>
      match.pattern === 'dictionary' &&
      match.dictionaryName === 'passwords' &&
      match.token.length >= password.length - 2,
  );
  if (breached) {
    throw invalid('weak_password', 'This password appears in lists of common or breached passwords. Choose another.');
  }
  if (result.score < 3) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw invalid('weak_password', `This password is too easy to guess. ${advice}`.trim());
  }
}

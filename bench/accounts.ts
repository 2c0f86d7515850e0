import { createTestApp } from '../test/app.js';

const RUNS = Number(process.env.BENCH_AUTH_RUNS ?? 40);
const PASSWORD = 'lantern orbit quietly zebra';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Enumeration by timing: sign-in, sign-up and password reset, each for an address that has an
 * account and one that does not, interleaved so both see the same machine load. Prints the median
 * of each and the difference; the answers themselves are the same (pinned by the account tests).
 */
export async function benchAccounts(): Promise<void> {
  const t = await createTestApp({ mode: 'hosted', labs: [] });
  try {
    await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: { email: 'known@example.com', password: PASSWORD, displayName: 'Known' },
    });
    let n = 0;
    const cases = {
      'sign-in (wrong password vs unknown email)': (known: boolean) => ({
        url: '/v1/auth/sign-in',
        payload: {
          email: known ? 'known@example.com' : `ghost${n++}@example.com`,
          password: 'not the password at all',
        },
      }),
      'sign-up (taken vs free address)': (known: boolean) => ({
        url: '/v1/auth/sign-up',
        payload: {
          email: known ? 'known@example.com' : `new${n++}@example.com`,
          password: 'an entirely different passphrase',
          displayName: 'X',
        },
      }),
      'password reset (account vs none)': (known: boolean) => ({
        url: '/v1/auth/password-reset',
        payload: { email: known ? 'known@example.com' : `ghost${n++}@example.com` },
      }),
    };
    console.log('\nAccount endpoints, existing vs unknown address (median of %d each, in-process, PGlite):', RUNS);
    for (const [name, request] of Object.entries(cases)) {
      const timings = { known: [] as number[], unknown: [] as number[] };
      for (let i = 0; i < RUNS * 2; i++) {
        const known = i % 2 === 0;
        // Each request from its own address, so the per-IP and per-account budgets never interfere.
        t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
        const start = performance.now();
        const res = await t.app.inject({
          method: 'POST',
          remoteAddress: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          ...request(known),
        });
        (known ? timings.known : timings.unknown).push(performance.now() - start);
        if (res.statusCode >= 500) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        // Work deferred past the response (mailing a link) finishes before the next request.
        await t.settle();
      }
      const a = median(timings.known);
      const b = median(timings.unknown);
      console.log(
        `  ${name.padEnd(44)} existing ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms, difference ${(a - b).toFixed(1)} ms`,
      );
    }
  } finally {
    await t.close();
  }
}

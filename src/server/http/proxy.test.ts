import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Twenty failed sign-ins from one client behind the proxy, each claiming another address. */
async function spoofedSignIns(app: TestApp['app']): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      remoteAddress: '10.0.0.2', // the reverse proxy
      headers: { 'x-forwarded-for': `203.0.113.${i + 1}, 198.51.100.7` },
      payload: { email: `nobody${i}@example.com`, password: 'wrong password here' },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('behind a reverse proxy', () => {
  it('takes the client address from the proxy it trusts, so a forged X-Forwarded-For cannot escape the limit', async () => {
    t = await createTestApp({ mode: 'hosted', trustProxy: 1 });
    expect(await spoofedSignIns(t.app)).toContain(429);
  });

  it('trusts proxies named by address the same way', async () => {
    t = await createTestApp({ mode: 'hosted', trustProxy: ['10.0.0.0/8'] });
    expect(await spoofedSignIns(t.app)).toContain(429);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    t = await createTestApp({ mode: 'hosted' });
    expect(await spoofedSignIns(t.app)).toContain(429);
  });
});

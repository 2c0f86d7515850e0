/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** A hand-driven clock in milliseconds. */
function makeClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

/**
 * A fake payment endpoint that counts how often it really runs. Each run creates payment
 * `pay_<n>`, so a replayed response still names the payment of the first run.
 * `gate`, if given, is a promise every run waits for; `failFirst` makes the first run throw.
 */
function paymentHandler({ gate, failFirst = false } = {}) {
  const counter = { calls: 0 };
  counter.handler = async (body) => {
    counter.calls += 1;
    const n = counter.calls;
    if (gate) await gate;
    if (failFirst && n === 1) throw new Error('card network timed out');
    return { status: 201, body: { payment: `pay_${n}`, amount: body.amount } };
  };
  return counter;
}

const BODY = { amount: 100, currency: 'EUR' };

export default {
  'a repeat with the same key replays the first response': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler();
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    const first = await idem.handle('key-1', BODY);
    clock.t = 1000;
    const second = await idem.handle('key-1', { amount: 100, currency: 'EUR' });
    return [first, second, payments.calls];
  },
  'different keys run the payment separately': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler();
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    const a = await idem.handle('key-a', BODY);
    const b = await idem.handle('key-b', BODY);
    const again = await idem.handle('key-a', BODY);
    return [a.body.payment, b.body.payment, again.body.payment, payments.calls];
  },
  'reusing a key with a different body is rejected': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler();
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    await idem.handle('key-1', { amount: 100, currency: 'EUR' });
    const conflict = await idem.handle('key-1', { amount: 250, currency: 'EUR' });
    const original = await idem.handle('key-1', { amount: 100, currency: 'EUR' });
    return [conflict, original.body.payment, payments.calls];
  },
  'key order in the body does not matter': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler();
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    await idem.handle('key-1', { amount: 100, currency: 'EUR', card: { last4: '4242', brand: 'visa' } });
    const reordered = await idem.handle('key-1', { card: { brand: 'visa', last4: '4242' }, currency: 'EUR', amount: 100 });
    const otherCard = await idem.handle('key-1', { amount: 100, currency: 'EUR', card: { last4: '0005', brand: 'visa' } });
    return [reordered.status, reordered.body.payment ?? null, otherCard.status, payments.calls];
  },
  'a duplicate while the first is still running gets 409': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const payments = paymentHandler({ gate });
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    // Both requests arrive before the first payment has finished.
    const firstPromise = idem.handle('key-1', BODY);
    const secondPromise = idem.handle('key-1', BODY);
    // Let both requests progress as far as they can (the payment is slow) before it completes.
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const [first, second] = await Promise.all([firstPromise, secondPromise]);
    const third = await idem.handle('key-1', BODY);
    return [second, first.status, third.body.payment ?? null, payments.calls];
  },
  'a failed attempt is not stored so the retry runs': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler({ failFirst: true });
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    const first = await idem.handle('key-1', BODY).then(
      (response) => response,
      () => 'threw',
    );
    const retry = await idem.handle('key-1', BODY);
    const repeat = await idem.handle('key-1', BODY);
    return [first, retry.body.payment ?? null, repeat.body.payment ?? null, payments.calls];
  },
  'keys expire after the ttl': async ({ createIdempotentHandler }) => {
    const clock = makeClock();
    const payments = paymentHandler();
    const idem = createIdempotentHandler(payments.handler, { ttlMs: 60_000, now: clock.now });
    await idem.handle('key-1', { amount: 100 });
    clock.t = 59_999;
    const conflict = await idem.handle('key-1', { amount: 300 });
    const replay = await idem.handle('key-1', { amount: 100 });
    clock.t = 60_001;
    const fresh = await idem.handle('key-1', { amount: 300 });
    clock.t = 60_002;
    const freshReplay = await idem.handle('key-1', { amount: 300 });
    return [
      conflict.status,
      replay.body.payment ?? null,
      fresh.status,
      fresh.body.payment ?? null,
      freshReplay.body.payment ?? null,
      payments.calls,
    ];
  },
};

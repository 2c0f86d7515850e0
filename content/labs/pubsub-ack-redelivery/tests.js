/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** A clock the test moves by hand. */
function manualClock() {
  const clock = { t: 0 };
  clock.now = () => clock.t;
  return clock;
}

const ids = (deliveries) => deliveries.map((d) => [d.id, d.attempt]);

export default {
  'every subscriber gets every message': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, now: clock.now });
    broker.subscribe('room:1', 'alice');
    broker.subscribe('room:1', 'bob');
    const published = [broker.publish('room:1', 'hi'), broker.publish('room:1', { text: 'yo', from: 'carol' })];
    return [published, broker.poll('alice', 10), broker.poll('bob', 10)];
  },

  'acked messages are not delivered again': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, now: clock.now });
    broker.subscribe('room:1', 'alice');
    broker.publish('room:1', 'first');
    broker.publish('room:1', 'second');
    const first = ids(broker.poll('alice', 10));
    const acks = [broker.ack('alice', 1), broker.ack('alice', 1)];
    clock.t = 1000;
    return [first, acks, broker.poll('alice', 10)];
  },

  'redelivers only after the ack timeout': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, now: clock.now });
    broker.subscribe('orders', 'mailer');
    broker.publish('orders', 'order 7 paid');
    const seen = [];
    for (const t of [0, 1, 999, 1000, 1500, 1999, 2000]) {
      clock.t = t;
      seen.push(ids(broker.poll('mailer', 10)));
    }
    return seen;
  },

  'dead-letters after maxAttempts': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, maxAttempts: 3, now: clock.now });
    broker.subscribe('jobs', 'worker');
    broker.publish('jobs', 'resize image 12');
    const attempts = [];
    for (const t of [0, 1000, 2000]) {
      clock.t = t;
      attempts.push(ids(broker.poll('worker', 10)));
    }
    clock.t = 2999;
    const notYet = broker.deadLetters('worker');
    clock.t = 3000;
    return [attempts, notYet, broker.poll('worker', 10), broker.deadLetters('worker'), broker.ack('worker', 1)];
  },

  'redelivered messages keep topic order': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 500, now: clock.now });
    broker.subscribe('room:9', 'dana');
    for (const text of ['a', 'b', 'c']) broker.publish('room:9', text);
    const first = ids(broker.poll('dana', 2));
    broker.ack('dana', 2);
    clock.t = 500;
    const second = broker.poll('dana', 10);
    return [first, second.map((d) => [d.id, d.message, d.attempt])];
  },

  'subscribers get only what was published after they subscribed': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ now: clock.now });
    broker.subscribe('a', 'early');
    const before = broker.publish('a', 'before bob');
    broker.subscribe('a', 'bob');
    broker.subscribe('a', 'bob');
    broker.subscribe('b', 'bob');
    const published = [
      before,
      broker.publish('a', 'x'),
      broker.publish('b', 'y'),
      broker.publish('c', 'nobody listens'),
    ];
    return [
      published,
      broker.poll('bob', 10).map((d) => [d.id, d.topic, d.message]),
      broker.poll('early', 10).map((d) => d.id),
      broker.poll('stranger', 10),
    ];
  },

  'each subscriber acks independently': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, now: clock.now });
    broker.subscribe('room:1', 'fast');
    broker.subscribe('room:1', 'slow');
    broker.publish('room:1', 'hello');
    broker.poll('fast', 10);
    broker.poll('slow', 10);
    const acked = [broker.ack('fast', 1), broker.ack('slow', 99)];
    clock.t = 1000;
    return [acked, ids(broker.poll('fast', 10)), ids(broker.poll('slow', 10))];
  },

  'poll respects the limit and skips messages in flight': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, now: clock.now });
    broker.subscribe('feed', 'reader');
    for (let i = 1; i <= 5; i++) broker.publish('feed', `post ${i}`);
    const rounds = [
      broker.poll('reader', 2),
      broker.poll('reader', 2),
      broker.poll('reader', 10),
      broker.poll('reader', 10),
    ];
    return rounds.map(ids);
  },

  'a late ack still counts before the next delivery': ({ Broker }) => {
    const clock = manualClock();
    const broker = new Broker({ ackTimeoutMs: 1000, maxAttempts: 2, now: clock.now });
    broker.subscribe('billing', 'svc');
    broker.publish('billing', 'invoice 1');
    broker.publish('billing', 'invoice 2');
    broker.poll('svc', 10);
    clock.t = 1200;
    const late = broker.ack('svc', 1);
    const again = ids(broker.poll('svc', 10));
    return [late, broker.ack('svc', 1), again, broker.ack('svc', 3)];
  },
};

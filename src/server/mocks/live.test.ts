import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisLink } from '../redis.js';
import { createRedisLiveHub, LiveHub } from './live.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('live notifications', () => {
  it('tells every view of a mock, and only of that mock, and tracks who is connected', () => {
    const hub = new LiveHub();
    const heard: string[] = [];
    const leave = hub.join('a', { role: 'interviewer', notify: () => heard.push('a') });
    hub.join('b', { role: 'candidate', notify: () => heard.push('b') });
    heard.length = 0;
    hub.publish('a');
    expect(heard).toEqual(['a']);
    expect(hub.connected('a', 'interviewer')).toBe(true);
    expect(hub.connected('a', 'candidate')).toBe(false);
    leave();
    expect(hub.connected('a', 'interviewer')).toBe(false);
  });

  describe('scaled out through Redis', () => {
    const links: RedisLink[] = [];
    const quiet = { warn: () => {}, info: () => {} };
    afterAll(() => Promise.all(links.map((link) => link.close())));
    const connectedHub = async (channel: string) => {
      const link = new RedisLink(REDIS_URL, quiet);
      links.push(link);
      const hub = createRedisLiveHub(link, channel);
      await expect.poll(() => hub.relaying).toBe(true);
      return hub;
    };

    it('reaches a view connected to another instance', async () => {
      const channel = `onsite:test:${randomUUID()}`;
      const first = await connectedHub(channel);
      const second = await connectedHub(channel);
      let heard = 0;
      second.join('mock-1', { role: 'interviewer', notify: () => heard++ });
      await expect.poll(() => heard).toBe(1);
      first.publish('mock-1');
      await expect.poll(() => heard).toBe(2);
      first.publish('another-mock');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toBe(2);
    });
  });
});

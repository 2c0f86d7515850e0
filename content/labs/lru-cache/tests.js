/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */
export default {
  'get returns what put stored': ({ LRUCache }) => {
    const cache = new LRUCache(2);
    cache.put(1, 10);
    cache.put(2, 20);
    return [cache.get(1), cache.get(2), cache.get(3)];
  },
  'evicts the least recently used key': ({ LRUCache }) => {
    const cache = new LRUCache(2);
    cache.put(1, 1);
    cache.put(2, 2);
    cache.put(3, 3);
    return [cache.get(1), cache.get(2), cache.get(3)];
  },
  'get refreshes recency': ({ LRUCache }) => {
    const cache = new LRUCache(2);
    cache.put(1, 1);
    cache.put(2, 2);
    cache.get(1);
    cache.put(3, 3);
    return [cache.get(1), cache.get(2), cache.get(3)];
  },
  'put on an existing key updates and refreshes it': ({ LRUCache }) => {
    const cache = new LRUCache(2);
    cache.put(1, 1);
    cache.put(2, 2);
    cache.put(1, 11);
    cache.put(3, 3);
    return [cache.get(1), cache.get(2), cache.get(3)];
  },
  'capacity one keeps only the newest': ({ LRUCache }) => {
    const cache = new LRUCache(1);
    cache.put(1, 1);
    cache.put(2, 2);
    return [cache.get(1), cache.get(2)];
  },
  'overwriting a key never evicts another': ({ LRUCache }) => {
    const cache = new LRUCache(2);
    cache.put(1, 1);
    cache.put(2, 2);
    cache.put(2, 22);
    return [cache.get(1), cache.get(2)];
  },
  '320000 operations at capacity 50000': ({ LRUCache }) => {
    const cache = new LRUCache(50000);
    for (let i = 0; i < 50000; i++) cache.put(i, i);
    for (let r = 0; r < 200000; r++) cache.get((r * 7919) % 50000);
    for (let i = 50000; i < 60000; i++) cache.put(i, i);
    let hits = 0;
    for (let i = 0; i < 60000; i++) if (cache.get(i) !== -1) hits += 1;
    return [hits, cache.get(59999)];
  },
};

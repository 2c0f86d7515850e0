/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */
const orNull = (value) => (value === undefined ? null : value);

export default {
  'set, get and overwrite': ({ HashMap }) => {
    const map = new HashMap();
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    return [orNull(map.get('a')), orNull(map.get('b')), orNull(map.get('missing')), map.size];
  },
  'capacity doubles once the load factor passes 0.75': ({ HashMap }) => {
    const map = new HashMap();
    const capacities = [];
    for (let i = 1; i <= 13; i++) {
      map.set(`k${i}`, i);
      capacities.push(map.capacity);
    }
    return capacities;
  },
  'delete reports whether the key was there': ({ HashMap }) => {
    const map = new HashMap();
    map.set('a', 1);
    const first = map.delete('a');
    const second = map.delete('a');
    const missing = map.delete('never-set');
    const sizeAfter = map.size;
    const value = orNull(map.get('a'));
    map.set('a', 5);
    return [first, second, missing, sizeAfter, value, map.size];
  },
  'overwriting a key neither grows size nor capacity': ({ HashMap }) => {
    const map = new HashMap();
    for (let i = 0; i < 100; i++) map.set('same', i);
    return [map.size, map.capacity, orNull(map.get('same'))];
  },
  'every key survives several resizes': ({ HashMap }) => {
    const map = new HashMap();
    for (let i = 0; i < 1000; i++) map.set(`key-${i}`, i * 2);
    let found = 0;
    for (let i = 0; i < 1000; i++) if (map.get(`key-${i}`) === i * 2) found += 1;
    return [found, map.size, map.capacity];
  },
  'delete works after resizing and keeps other keys reachable': ({ HashMap }) => {
    const map = new HashMap();
    for (let i = 0; i < 100; i++) map.set(`item${i}`, i);
    let deleted = 0;
    for (let i = 0; i < 100; i += 2) if (map.delete(`item${i}`) === true) deleted += 1;
    const capacity = map.capacity;
    let evensLeft = 0;
    let oddsFound = 0;
    for (let i = 0; i < 100; i++) {
      const value = map.get(`item${i}`);
      if (i % 2 === 0 && value !== undefined && value !== null) evensLeft += 1;
      if (i % 2 === 1 && value === i) oddsFound += 1;
    }
    for (let i = 0; i < 100; i += 2) map.set(`item${i}`, i);
    let allFound = 0;
    for (let i = 0; i < 100; i++) if (map.get(`item${i}`) === i) allFound += 1;
    return [deleted, capacity, evensLeft, oddsFound, map.size, allFound];
  },
  'falsy values and anagram keys are kept apart': ({ HashMap }) => {
    const map = new HashMap();
    map.set('zero', 0);
    map.set('empty', '');
    map.set('no', false);
    map.set('ab', 1);
    map.set('ba', 2);
    return [orNull(map.get('zero')), orNull(map.get('empty')), orNull(map.get('no')), orNull(map.get('ab')), orNull(map.get('ba')), map.size];
  },
  '200000 inserts and lookups': ({ HashMap }) => {
    const map = new HashMap();
    const n = 200000;
    for (let i = 0; i < n; i++) map.set(`user:${i}`, i);
    let hits = 0;
    for (let i = 0; i < n; i++) if (map.get(`user:${i}`) === i) hits += 1;
    return [map.size, map.capacity, hits, orNull(map.get(`user:${n - 1}`))];
  },
};

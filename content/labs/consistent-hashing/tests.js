/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** A hash that looks positions up in a table, so a test can place virtual nodes and keys exactly. */
function tableHash(table) {
  return (text) => {
    if (!(text in table)) throw new Error(`the test's hash has no position for ${JSON.stringify(text)}`);
    return table[text];
  };
}

function ring(HashRing, nodes, options = {}) {
  const r = new HashRing(options);
  for (const node of nodes) r.addNode(node);
  return r;
}

const range = (n) => Array.from({ length: n }, (_, i) => i);

export default {
  'ringHash matches the reference values': ({ ringHash }) =>
    ['', 'a', 'user:42', 'cache-a#0', 'cache-a#1', 'café'].map((text) => ringHash(text)),

  'places keys deterministically': ({ HashRing }) => {
    const r = ring(HashRing, ['cache-a', 'cache-b', 'cache-c']);
    return range(10).map((i) => r.getNode(`user:${i}`));
  },

  'an empty ring has no owner': ({ HashRing }) => {
    const r = new HashRing();
    const before = r.getNode('user:1');
    r.addNode('solo');
    const one = r.getNode('user:1');
    r.addNode('solo'); // adding a node twice changes nothing
    r.removeNode('solo');
    r.removeNode('never-added');
    return [before, one, r.getNode('user:1')];
  },

  'keys past the highest position wrap to the first': ({ HashRing }) => {
    const hash = tableHash({
      'A#0': 1000,
      'A#1': 3000,
      'B#0': 2000,
      'B#1': 4000,
      low: 500,
      exact: 2000,
      middle: 2500,
      onTop: 4000,
      past: 4001,
      max: 4294967295,
    });
    const r = ring(HashRing, ['A', 'B'], { vnodes: 2, hash });
    return ['low', 'exact', 'middle', 'onTop', 'past', 'max'].map((key) => r.getNode(key));
  },

  'equal positions go to the smaller label': ({ HashRing }) => {
    const hash = tableHash({ 'B#0': 100, 'A#0': 100, early: 50, same: 100 });
    const r = ring(HashRing, ['B', 'A'], { vnodes: 1, hash });
    const owners = [r.getNode('early'), r.getNode('same')];
    r.removeNode('A');
    return [...owners, r.getNode('same')];
  },

  'removing a node moves only its keys': ({ HashRing }) => {
    const r = ring(HashRing, ['cache-0', 'cache-1', 'cache-2', 'cache-3', 'cache-4']);
    const keys = range(10000).map((i) => `user:${i}`);
    const before = keys.map((key) => r.getNode(key));
    r.removeNode('cache-2');
    const after = keys.map((key) => r.getNode(key));
    const owned = before.filter((node) => node === 'cache-2').length;
    const moved = keys.filter((_, i) => before[i] !== after[i]);
    const movedFromOthers = keys.filter((_, i) => before[i] !== after[i] && before[i] !== 'cache-2').length;
    return [owned, moved.length, movedFromOthers, after.includes('cache-2')];
  },

  'adding a node only takes keys for itself': ({ HashRing }) => {
    const r = ring(HashRing, ['cache-0', 'cache-1', 'cache-2', 'cache-3']);
    const keys = range(10000).map((i) => `order:${i}`);
    const before = keys.map((key) => r.getNode(key));
    r.addNode('cache-4');
    const after = keys.map((key) => r.getNode(key));
    const moved = keys.filter((_, i) => before[i] !== after[i]).length;
    const movedElsewhere = keys.filter((_, i) => before[i] !== after[i] && after[i] !== 'cache-4').length;
    return [moved, movedElsewhere];
  },

  '100 virtual nodes spread the load': ({ HashRing }) => {
    const nodes = range(10).map((i) => `cache-${i}`);
    const r = ring(HashRing, nodes);
    const load = new Map();
    for (let i = 0; i < 10000; i++) {
      const node = r.getNode(`key-${i}`);
      load.set(node, (load.get(node) ?? 0) + 1);
    }
    const counts = [...load.values()];
    return [load.size, Math.max(...counts) / Math.min(...counts) <= 1.5];
  },

  '100000 lookups on a ring of 100000 virtual nodes': ({ HashRing }) => {
    const r = ring(
      HashRing,
      range(10).map((i) => `shard-${i}`),
      { vnodes: 10000 },
    );
    const seen = new Set();
    for (let i = 0; i < 100000; i++) seen.add(r.getNode(`session:${i}`));
    return [seen.size, r.getNode('session:0'), r.getNode('session:99999')];
  },
};

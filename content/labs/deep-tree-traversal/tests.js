/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const node = (value, children = []) => ({ value, children });

/** A small, order-sensitive summary of a long [value, depth] list, so results stay tiny. */
function digest(pairs) {
  let checksum = 0;
  let maxDepth = -1;
  for (const [value, depth] of pairs) {
    checksum = (checksum * 31 + value * 7 + depth) % 1000000007;
    if (depth > maxDepth) maxDepth = depth;
  }
  const plain = (list) => list.map(([value, depth]) => [value, depth]);
  return { count: pairs.length, first: plain(pairs.slice(0, 3)), last: plain(pairs.slice(-3)), maxDepth, checksum };
}

/** value 0 at depth 0 down to value length-1; built with a loop, never recursion. */
function chain(length, offset = 0) {
  const root = node(offset);
  let current = root;
  for (let i = 1; i < length; i++) {
    const next = node(offset + i);
    current.children.push(next);
    current = next;
  }
  return root;
}

const pairsOf = (result) => result.map(([value, depth]) => [value, depth]);

export default {
  'a small thread in display order': ({ flattenThread }) =>
    pairsOf(flattenThread(node(1, [node(2, [node(4), node(5)]), node(3, [node(6)])]))),
  'a single comment': ({ flattenThread }) => pairsOf(flattenThread(node(7))),
  'no thread at all': ({ flattenThread }) => pairsOf(flattenThread(null)),
  'siblings keep their order at every level': ({ flattenThread }) =>
    pairsOf(flattenThread(
      node(0, [node(1), node(2), node(3, [node(30), node(31, [node(310), node(311)]), node(32)]), node(4), node(5)]),
    )),
  'a 100000-level reply chain': ({ flattenThread }) => digest(flattenThread(chain(100000))),
  'a deep chain with a side reply at every level': ({ flattenThread }) => {
    // Chain node i has two replies: a leaf (100000 + i) first, then chain node i + 1.
    const root = node(0);
    let current = root;
    for (let i = 1; i < 50000; i++) {
      const next = node(i);
      current.children.push(node(100000 + i - 1), next);
      current = next;
    }
    return digest(flattenThread(root));
  },
  '250001 comments, wide and deep': ({ flattenThread }) => {
    const root = node(0);
    for (let i = 1; i <= 150000; i++) root.children.push(node(i));
    root.children.push(chain(100000, 150001));
    return digest(flattenThread(root));
  },
};

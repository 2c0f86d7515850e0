/**
 * Pre-order walk with an explicit stack instead of recursion, so depth is limited by heap memory,
 * not by the call stack (about 10,000 frames in Node).
 *
 * @param {{ value: number, children: object[] } | null} root
 * @returns {Array<[number, number]>} [value, depth] for every comment, in display order
 */
export function flattenThread(root) {
  const out = [];
  if (root === null || root === undefined) return out;
  const stack = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    out.push([node.value, depth]); // pre-order: a comment comes before its replies
    // A stack is last-in first-out: push replies last-to-first so the first reply is popped next.
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
  }
  return out;
}

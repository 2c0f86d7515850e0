// Wrong: emits a comment after its replies (post-order), so replies are shown above the comment they answer.

interface ThreadNode {
  value: number;
  children: ThreadNode[];
}

export function flattenThread(root: ThreadNode | null): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!root) return out;
  // Each frame remembers which child to visit next; a node is emitted once all its children are done.
  const stack: Array<{ node: ThreadNode; depth: number; next: number }> = [{ node: root, depth: 0, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.children.length) {
      stack.push({ node: top.node.children[top.next], depth: top.depth + 1, next: 0 });
      top.next += 1;
    } else {
      out.push([top.node.value, top.depth]);
      stack.pop();
    }
  }
  return out;
}

// Wrong: pushes replies onto the stack first-to-last, so the last reply is popped first and every level comes out mirrored.
export function flattenThread(root) {
  const out = [];
  if (!root) return out;
  const stack = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    out.push([node.value, depth]);
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return out;
}

// Wrong: a recursive walk uses one call-stack frame per level, so a 100,000-level chain throws "RangeError: Maximum call stack size exceeded".
export function flattenThread(root) {
  const out = [];
  const visit = (node, depth) => {
    out.push([node.value, depth]);
    for (const child of node.children) visit(child, depth + 1);
  };
  if (root) visit(root, 0);
  return out;
}

export interface ThreadNode {
  value: number;
  children: ThreadNode[];
}

/** [value, depth] for every comment of the thread, in display (pre-order) order. */
export function flattenThread(root: ThreadNode | null): Array<[number, number]> {
  return [];
}

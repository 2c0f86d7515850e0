/** Copy the reference hash from the task description. */
export function ringHash(text: string): number {
  return 0;
}

export interface HashRingOptions {
  vnodes?: number;
  hash?: (text: string) => number;
}

export class HashRing {
  constructor({ vnodes = 100, hash = ringHash }: HashRingOptions = {}) {}

  addNode(node: string): void {}

  removeNode(node: string): void {}

  getNode(key: string): string | null {
    return null;
  }
}

// Wrong: open addressing whose delete simply empties the slot, which cuts the probe chain so keys stored after it can no longer be found.
function hashString(key) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class HashMap {
  constructor() {
    this.keys = new Array(8).fill(undefined);
    this.values = new Array(8).fill(undefined);
    this.size = 0;
  }

  get capacity() {
    return this.keys.length;
  }

  #slot(key) {
    const mask = this.keys.length - 1;
    let i = hashString(key) & mask;
    while (this.keys[i] !== undefined && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  set(key, value) {
    const i = this.#slot(key);
    if (this.keys[i] === undefined) {
      this.keys[i] = key;
      this.size += 1;
    }
    this.values[i] = value;
    if (this.size > this.keys.length * 0.75) {
      const oldKeys = this.keys;
      const oldValues = this.values;
      this.keys = new Array(oldKeys.length * 2).fill(undefined);
      this.values = new Array(oldKeys.length * 2).fill(undefined);
      oldKeys.forEach((k, j) => {
        if (k === undefined) return;
        const slot = this.#slot(k);
        this.keys[slot] = k;
        this.values[slot] = oldValues[j];
      });
    }
  }

  get(key) {
    const i = this.#slot(key);
    return this.keys[i] === undefined ? undefined : this.values[i];
  }

  delete(key) {
    const i = this.#slot(key);
    if (this.keys[i] === undefined) return false;
    this.keys[i] = undefined;
    this.values[i] = undefined;
    this.size -= 1;
    return true;
  }
}

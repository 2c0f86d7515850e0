INITIAL_CAPACITY = 8
MAX_LOAD_FACTOR = 0.75
_EMPTY = object()  # marks a free slot; no real key can be this object


class HashMap:
    """Open addressing with linear probing over three flat lists (keys, hashes, values).

    No dict or set holds the entries. The capacity is a power of two, so ``hash & (capacity - 1)``
    is the home slot. Python's built-in ``hash()`` of a str is well spread; it is stored per slot so
    resizing never rehashes the strings. Flat lists also avoid one small object per entry, which
    keeps CPython's garbage collector out of the hot path.
    """

    def __init__(self):
        self._keys = [_EMPTY] * INITIAL_CAPACITY
        self._hashes = [0] * INITIAL_CAPACITY
        self._values = [None] * INITIAL_CAPACITY
        self._size = 0

    @property
    def size(self):
        return self._size

    @property
    def capacity(self):
        return len(self._keys)

    def _find(self, key, h):
        """The slot holding `key`, or the free slot where it would go."""
        keys, hashes = self._keys, self._hashes
        mask = len(keys) - 1
        i = h & mask
        while True:
            k = keys[i]
            if k is _EMPTY or (hashes[i] == h and k == key):
                return i
            i = (i + 1) & mask

    def set(self, key, value):
        h = hash(key)
        i = self._find(key, h)
        self._values[i] = value
        if self._keys[i] is _EMPTY:  # a new key, not an overwrite
            self._keys[i] = key
            self._hashes[i] = h
            self._size += 1
            if self._size > len(self._keys) * MAX_LOAD_FACTOR:
                self._resize(len(self._keys) * 2)

    def get(self, key):
        i = self._find(key, hash(key))
        return None if self._keys[i] is _EMPTY else self._values[i]

    def delete(self, key):
        keys, hashes, values = self._keys, self._hashes, self._values
        i = self._find(key, hash(key))
        if keys[i] is _EMPTY:
            return False
        # Backward-shift deletion: simply emptying slot i would cut the probe run, hiding keys that
        # probed past it. Walk the run and pull back every entry whose home slot is not between the
        # hole and its current slot, moving the hole along, so no tombstones are needed.
        mask = len(keys) - 1
        j = i
        while True:
            j = (j + 1) & mask
            if keys[j] is _EMPTY:
                break
            home = hashes[j] & mask
            if (i < j and i < home <= j) or (i > j and (home > i or home <= j)):
                continue  # still reachable from its home slot: leave it
            keys[i], hashes[i], values[i] = keys[j], hashes[j], values[j]
            i = j
        keys[i], values[i] = _EMPTY, None
        self._size -= 1
        return True

    def _resize(self, new_capacity):
        """Re-place every entry under the new mask: O(n) now, amortised O(1) per insert."""
        old = zip(self._keys, self._hashes, self._values)
        keys = self._keys = [_EMPTY] * new_capacity
        hashes = self._hashes = [0] * new_capacity
        values = self._values = [None] * new_capacity
        mask = new_capacity - 1
        for key, h, value in old:
            if key is _EMPTY:
                continue
            i = h & mask
            while keys[i] is not _EMPTY:
                i = (i + 1) & mask
            keys[i], hashes[i], values[i] = key, h, value

# Wrong complexity: hashing by the sum of character codes sends "user:12" and "user:21" (and thousands of similar keys) to the same bucket, so chains stay long however much the table grows.
class HashMap:
    def __init__(self):
        self._buckets = [[] for _ in range(8)]
        self._size = 0

    @property
    def size(self):
        return self._size

    @property
    def capacity(self):
        return len(self._buckets)

    @staticmethod
    def _hash(key):
        return sum(ord(ch) for ch in key)

    def _bucket(self, key):
        return self._buckets[self._hash(key) % len(self._buckets)]

    def set(self, key, value):
        bucket = self._bucket(key)
        for entry in bucket:
            if entry[0] == key:
                entry[1] = value
                return
        bucket.append([key, value])
        self._size += 1
        if self._size > 0.75 * len(self._buckets):
            old = self._buckets
            self._buckets = [[] for _ in range(len(old) * 2)]
            for chain in old:
                for entry in chain:
                    self._bucket(entry[0]).append(entry)

    def get(self, key):
        for k, v in self._bucket(key):
            if k == key:
                return v
        return None

    def delete(self, key):
        bucket = self._bucket(key)
        for i, entry in enumerate(bucket):
            if entry[0] == key:
                del bucket[i]
                self._size -= 1
                return True
        return False

# Wrong: the bucket count is fixed at 8, so chains grow with n and every operation becomes O(n).
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

    def set(self, key, value):
        bucket = self._buckets[hash(key) % 8]
        for entry in bucket:
            if entry[0] == key:
                entry[1] = value
                return
        bucket.append([key, value])
        self._size += 1

    def get(self, key):
        for k, v in self._buckets[hash(key) % 8]:
            if k == key:
                return v
        return None

    def delete(self, key):
        bucket = self._buckets[hash(key) % 8]
        for i, entry in enumerate(bucket):
            if entry[0] == key:
                del bucket[i]
                self._size -= 1
                return True
        return False

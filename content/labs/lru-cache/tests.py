"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


def basic(s):
    cache = s.LRUCache(2)
    cache.put(1, 10)
    cache.put(2, 20)
    return [cache.get(1), cache.get(2), cache.get(3)]


def evicts(s):
    cache = s.LRUCache(2)
    cache.put(1, 1)
    cache.put(2, 2)
    cache.put(3, 3)
    return [cache.get(1), cache.get(2), cache.get(3)]


def get_refreshes(s):
    cache = s.LRUCache(2)
    cache.put(1, 1)
    cache.put(2, 2)
    cache.get(1)
    cache.put(3, 3)
    return [cache.get(1), cache.get(2), cache.get(3)]


def overwrite_refreshes(s):
    cache = s.LRUCache(2)
    cache.put(1, 1)
    cache.put(2, 2)
    cache.put(1, 11)
    cache.put(3, 3)
    return [cache.get(1), cache.get(2), cache.get(3)]


def capacity_one(s):
    cache = s.LRUCache(1)
    cache.put(1, 1)
    cache.put(2, 2)
    return [cache.get(1), cache.get(2)]


def overwrite_keeps_others(s):
    cache = s.LRUCache(2)
    cache.put(1, 1)
    cache.put(2, 2)
    cache.put(2, 22)
    return [cache.get(1), cache.get(2)]


def many_operations(s):
    cache = s.LRUCache(50000)
    for i in range(50000):
        cache.put(i, i)
    for r in range(200000):
        cache.get((r * 7919) % 50000)
    for i in range(50000, 60000):
        cache.put(i, i)
    hits = 0
    for i in range(60000):
        if cache.get(i) != -1:
            hits += 1
    return [hits, cache.get(59999)]


TESTS = {
    "get returns what put stored": basic,
    "evicts the least recently used key": evicts,
    "get refreshes recency": get_refreshes,
    "put on an existing key updates and refreshes it": overwrite_refreshes,
    "overwriting a key never evicts another": overwrite_keeps_others,
    "capacity one keeps only the newest": capacity_one,
    "320000 operations at capacity 50000": many_operations,
}

"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


def basic(s):
    m = s.HashMap()
    m.set("a", 1)
    m.set("b", 2)
    m.set("a", 3)
    return [m.get("a"), m.get("b"), m.get("missing"), m.size]


def capacity_growth(s):
    m = s.HashMap()
    capacities = []
    for i in range(1, 14):
        m.set(f"k{i}", i)
        capacities.append(m.capacity)
    return capacities


def delete_result(s):
    m = s.HashMap()
    m.set("a", 1)
    first = m.delete("a")
    second = m.delete("a")
    missing = m.delete("never-set")
    size_after = m.size
    value = m.get("a")
    m.set("a", 5)
    return [first, second, missing, size_after, value, m.size]


def overwrite(s):
    m = s.HashMap()
    for i in range(100):
        m.set("same", i)
    return [m.size, m.capacity, m.get("same")]


def survives_resizes(s):
    m = s.HashMap()
    for i in range(1000):
        m.set(f"key-{i}", i * 2)
    found = sum(1 for i in range(1000) if m.get(f"key-{i}") == i * 2)
    return [found, m.size, m.capacity]


def delete_after_resize(s):
    m = s.HashMap()
    for i in range(100):
        m.set(f"item{i}", i)
    deleted = sum(1 for i in range(0, 100, 2) if m.delete(f"item{i}") is True)
    capacity = m.capacity
    evens_left = 0
    odds_found = 0
    for i in range(100):
        value = m.get(f"item{i}")
        if i % 2 == 0 and value is not None:
            evens_left += 1
        if i % 2 == 1 and value == i:
            odds_found += 1
    for i in range(0, 100, 2):
        m.set(f"item{i}", i)
    all_found = sum(1 for i in range(100) if m.get(f"item{i}") == i)
    return [deleted, capacity, evens_left, odds_found, m.size, all_found]


def falsy_and_anagrams(s):
    m = s.HashMap()
    m.set("zero", 0)
    m.set("empty", "")
    m.set("no", False)
    m.set("ab", 1)
    m.set("ba", 2)
    return [m.get("zero"), m.get("empty"), m.get("no"), m.get("ab"), m.get("ba"), m.size]


def many_operations(s):
    m = s.HashMap()
    n = 200000
    for i in range(n):
        m.set(f"user:{i}", i)
    hits = sum(1 for i in range(n) if m.get(f"user:{i}") == i)
    return [m.size, m.capacity, hits, m.get(f"user:{n - 1}")]


TESTS = {
    "set, get and overwrite": basic,
    "capacity doubles once the load factor passes 0.75": capacity_growth,
    "delete reports whether the key was there": delete_result,
    "overwriting a key neither grows size nor capacity": overwrite,
    "every key survives several resizes": survives_resizes,
    "delete works after resizing and keeps other keys reachable": delete_after_resize,
    "falsy values and anagram keys are kept apart": falsy_and_anagrams,
    "200000 inserts and lookups": many_operations,
}

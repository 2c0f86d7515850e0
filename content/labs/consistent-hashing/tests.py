"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


def table_hash(table):
    """A hash that looks positions up in a table, so a test can place virtual nodes and keys exactly."""

    def hash_(text):
        if text not in table:
            raise KeyError(f"the test's hash has no position for {text!r}")
        return table[text]

    return hash_


def ring(s, nodes, **options):
    r = s.HashRing(**options)
    for node in nodes:
        r.add_node(node)
    return r


def hash_values(s):
    return [s.ring_hash(text) for text in ["", "a", "user:42", "cache-a#0", "cache-a#1", "café"]]


def deterministic(s):
    r = ring(s, ["cache-a", "cache-b", "cache-c"])
    return [r.get_node(f"user:{i}") for i in range(10)]


def empty_ring(s):
    r = s.HashRing()
    before = r.get_node("user:1")
    r.add_node("solo")
    one = r.get_node("user:1")
    r.add_node("solo")  # adding a node twice changes nothing
    r.remove_node("solo")
    r.remove_node("never-added")
    return [before, one, r.get_node("user:1")]


def wrap_around(s):
    hash_ = table_hash({
        "A#0": 1000, "A#1": 3000, "B#0": 2000, "B#1": 4000,
        "low": 500, "exact": 2000, "middle": 2500, "onTop": 4000, "past": 4001, "max": 4294967295,
    })
    r = ring(s, ["A", "B"], vnodes=2, hash=hash_)
    return [r.get_node(key) for key in ["low", "exact", "middle", "onTop", "past", "max"]]


def equal_positions(s):
    hash_ = table_hash({"B#0": 100, "A#0": 100, "early": 50, "same": 100})
    r = ring(s, ["B", "A"], vnodes=1, hash=hash_)
    owners = [r.get_node("early"), r.get_node("same")]
    r.remove_node("A")
    return owners + [r.get_node("same")]


def removal_moves_only_its_keys(s):
    r = ring(s, ["cache-0", "cache-1", "cache-2", "cache-3", "cache-4"])
    keys = [f"user:{i}" for i in range(10000)]
    before = [r.get_node(key) for key in keys]
    r.remove_node("cache-2")
    after = [r.get_node(key) for key in keys]
    owned = before.count("cache-2")
    moved = sum(1 for b, a in zip(before, after) if b != a)
    moved_from_others = sum(1 for b, a in zip(before, after) if b != a and b != "cache-2")
    return [owned, moved, moved_from_others, "cache-2" in after]


def adding_takes_only_for_itself(s):
    r = ring(s, ["cache-0", "cache-1", "cache-2", "cache-3"])
    keys = [f"order:{i}" for i in range(10000)]
    before = [r.get_node(key) for key in keys]
    r.add_node("cache-4")
    after = [r.get_node(key) for key in keys]
    moved = sum(1 for b, a in zip(before, after) if b != a)
    moved_elsewhere = sum(1 for b, a in zip(before, after) if b != a and a != "cache-4")
    return [moved, moved_elsewhere]


def balance(s):
    r = ring(s, [f"cache-{i}" for i in range(10)])
    load = {}
    for i in range(10000):
        node = r.get_node(f"key-{i}")
        load[node] = load.get(node, 0) + 1
    counts = list(load.values())
    return [len(load), max(counts) / min(counts) <= 1.5]


def many_lookups(s):
    r = ring(s, [f"shard-{i}" for i in range(10)], vnodes=10000)
    seen = set()
    for i in range(100000):
        seen.add(r.get_node(f"session:{i}"))
    return [len(seen), r.get_node("session:0"), r.get_node("session:99999")]


TESTS = {
    "ringHash matches the reference values": hash_values,
    "places keys deterministically": deterministic,
    "an empty ring has no owner": empty_ring,
    "keys past the highest position wrap to the first": wrap_around,
    "equal positions go to the smaller label": equal_positions,
    "removing a node moves only its keys": removal_moves_only_its_keys,
    "adding a node only takes keys for itself": adding_takes_only_for_itself,
    "100 virtual nodes spread the load": balance,
    "100000 lookups on a ring of 100000 virtual nodes": many_lookups,
}

"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import math


def pairs(hits):
    """[id, score] pairs; NaN is not valid JSON, so it is reported as the string "NaN"."""
    out = []
    for h in hits:
        score = h["score"]
        out.append([h["id"], "NaN" if isinstance(score, float) and math.isnan(score) else score])
    return out


def lcg(seed):
    """Deterministic pseudo-random integers in [-128, 127] (a 32-bit LCG, the same in tests.js)."""
    state = [seed & 0xFFFFFFFF]

    def next_value():
        state[0] = (state[0] * 1664525 + 1013904223) & 0xFFFFFFFF
        return (state[0] >> 24) - 128

    return next_value


def ranks_by_cosine(s):
    docs = [
        {"id": "north", "vector": [0, 1]},
        {"id": "east", "vector": [1, 0]},
        {"id": "north-east", "vector": [1, 1]},
        {"id": "west", "vector": [-2, 0]},
        {"id": "east-far", "vector": [10, 1]},
    ]
    return pairs(s.top_k([1, 0], docs, 3))


def ties_by_id(s):
    docs = [
        {"id": "c", "vector": [2, 4, 6]},
        {"id": "d", "vector": [3, 2, 1]},
        {"id": "a", "vector": [0.1, 0.2, 0.3]},
        {"id": "b", "vector": [1, 2, 3]},
    ]
    return pairs(s.top_k([1, 2, 3], docs, 4))


def zero_vectors(s):
    docs = [
        {"id": "z", "vector": [0, 0]},
        {"id": "n", "vector": [-3, -4]},
        {"id": "p", "vector": [6, 8]},
        {"id": "o", "vector": [4, -3]},
    ]
    return pairs(s.top_k([3, 4], docs, 10))


def zero_query(s):
    docs = [{"id": doc_id, "vector": [i + 1, 2, 3]} for i, doc_id in enumerate(["doc-3", "doc-1", "doc-2"])]
    return pairs(s.top_k([0, 0, 0], docs, 2))


def k_larger(s):
    docs = [{"id": "x", "vector": [1, 2]}, {"id": "y", "vector": [2, 1]}]
    return [pairs(s.top_k([1, 1], docs, 5)), pairs(s.top_k([1, 1], docs, 0)), pairs(s.top_k([1, 1], [], 3))]


def rounded(s):
    docs = [
        {"id": "p", "vector": [2, 1]},
        {"id": "q", "vector": [1, 3]},
        {"id": "r", "vector": [5, -1]},
        {"id": "s", "vector": [-1, -7]},
    ]
    return pairs(s.top_k([1, 2], docs, 4))


def untouched(s):
    docs = [
        {"id": "b", "vector": [0, 1]},
        {"id": "a", "vector": [1, 0]},
        {"id": "c", "vector": [1, 1]},
    ]
    s.top_k([1, 0], docs, 3)
    return [[d["id"], d["vector"]] for d in docs]


def large(s):
    next_value = lcg(42)
    query = [next_value() for _ in range(64)]
    docs = [{"id": f"doc-{i:05d}", "vector": [next_value() for _ in range(64)]} for i in range(20000)]
    # Two scaled copies of the query must tie at 1 and come first, smaller id first.
    docs[7000] = {"id": "doc-07000", "vector": [3 * x for x in query]}
    docs[123] = {"id": "doc-00123", "vector": [x / 2 for x in query]}
    return pairs(s.top_k(query, docs, 10))


TESTS = {
    "ranks documents by cosine similarity": ranks_by_cosine,
    "equal scores go to the smaller id": ties_by_id,
    "zero vectors score 0": zero_vectors,
    "a zero query ranks by id": zero_query,
    "k larger than the collection returns everything": k_larger,
    "scores are rounded to 6 decimals": rounded,
    "leaves the documents untouched": untouched,
    "20000 documents of 64 dimensions": large,
}

# Wrong: sorts by score ascending, so the least similar documents come back first.
import math


def round6(x):
    scaled = x * 1e6
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) / 1e6


def top_k(query, documents, k):
    query_norm = math.sqrt(sum(x * x for x in query))
    scored = []
    for doc in documents:
        norm = math.sqrt(sum(x * x for x in doc["vector"]))
        dot = sum(q * x for q, x in zip(query, doc["vector"]))
        score = 0.0 if query_norm * norm == 0 else round6(dot / (query_norm * norm))
        scored.append({"id": doc["id"], "score": score})
    scored.sort(key=lambda hit: (hit["score"], hit["id"]))
    return scored[:k] if k > 0 else []

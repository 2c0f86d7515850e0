import heapq
import math


def round6(x: float) -> float:
    """Round half up to 6 decimals, exactly like JavaScript's Math.round(x * 1e6) / 1e6."""
    scaled = x * 1e6
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole / 1e6


def _norm(vector) -> float:
    return math.sqrt(sum(x * x for x in vector))


def top_k(query, documents, k):
    if k <= 0:
        return []
    query_norm = _norm(query)
    scored = []
    for doc in documents:
        vector = doc["vector"]
        denominator = query_norm * _norm(vector)
        # Zero vectors have no direction: score 0 rather than dividing by zero.
        score = 0.0 if denominator == 0 else round6(sum(q * x for q, x in zip(query, vector)) / denominator)
        scored.append((score, doc["id"]))
    # nsmallest keeps a heap of k items: O(n log k). The key ranks high scores first, then ids ascending.
    best = heapq.nsmallest(k, scored, key=lambda item: (-item[0], item[1]))
    return [{"id": doc_id, "score": score} for score, doc_id in best]

# Wrong: ranks by the unrounded cosine and rounds only for output, so floating-point noise decides ties.
import heapq
import math


def round6(x):
    scaled = x * 1e6
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) / 1e6


def top_k(query, documents, k):
    if k <= 0:
        return []
    query_norm = math.sqrt(sum(x * x for x in query))
    scored = []
    for doc in documents:
        denominator = query_norm * math.sqrt(sum(x * x for x in doc["vector"]))
        raw = 0.0 if denominator == 0 else sum(q * x for q, x in zip(query, doc["vector"])) / denominator
        scored.append((raw, doc["id"]))
    best = heapq.nsmallest(k, scored, key=lambda item: (-item[0], item[1]))
    return [{"id": doc_id, "score": round6(raw)} for raw, doc_id in best]

import math


def round6(x: float) -> float:
    """Round half up to 6 decimals, like JavaScript's Math.round(x * 1e6) / 1e6."""
    scaled = x * 1e6
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) / 1e6


def top_k(query: list[float], documents: list[dict], k: int) -> list[dict]:
    """documents: [{"id": str, "vector": [float, ...]}, ...] -> [{"id": str, "score": float}, ...]"""
    return []

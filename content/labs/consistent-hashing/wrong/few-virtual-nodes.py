# Wrong: ignores the vnodes option and puts each server on the ring once, so the load is badly uneven.
from bisect import bisect_left


def ring_hash(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


class HashRing:
    def __init__(self, vnodes=100, hash=ring_hash):
        self.hash = hash
        self.points = []  # (position, label, node)

    def add_node(self, node):
        if any(owner == node for _, _, owner in self.points):
            return
        label = f"{node}#0"
        self.points.append((self.hash(label), label, node))
        self.points.sort()

    def remove_node(self, node):
        self.points = [p for p in self.points if p[2] != node]

    def get_node(self, key):
        if not self.points:
            return None
        i = bisect_left([p[0] for p in self.points], self.hash(key))
        return self.points[i % len(self.points)][2]

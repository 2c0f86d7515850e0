from bisect import bisect_left
from typing import Callable, Optional


def ring_hash(text: str) -> int:
    """32-bit FNV-1a over the UTF-8 bytes of `text`, then murmur3's finaliser to spread similar labels."""
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
    def __init__(self, vnodes: int = 100, hash: Callable[[str], int] = ring_hash):
        self.vnodes = vnodes
        self.hash = hash
        self.nodes: set[str] = set()
        self._vnodes: list[tuple[int, str, str]] = []  # (position, label, node), sorted
        self._positions: list[int] = []  # the positions alone, for bisect

    def add_node(self, node: str) -> None:
        if node in self.nodes:
            return
        self.nodes.add(node)
        for i in range(self.vnodes):
            label = f"{node}#{i}"
            self._vnodes.append((self.hash(label), label, node))
        # Tuples sort by position, then label: exactly the ring order the rules ask for.
        self._vnodes.sort()
        self._positions = [position for position, _, _ in self._vnodes]

    def remove_node(self, node: str) -> None:
        if node not in self.nodes:
            return
        self.nodes.discard(node)
        self._vnodes = [v for v in self._vnodes if v[2] != node]
        self._positions = [position for position, _, _ in self._vnodes]

    def get_node(self, key: str) -> Optional[str]:
        if not self._vnodes:
            return None
        # First virtual node whose position is >= hash(key); wrap to index 0 past the end.
        i = bisect_left(self._positions, self.hash(key))
        return self._vnodes[i % len(self._vnodes)][2]

# Wrong: hash(key) % number_of_nodes instead of a ring, so removing or adding one node moves most keys.
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
        self.nodes = []

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.append(node)
            self.nodes.sort()

    def remove_node(self, node):
        if node in self.nodes:
            self.nodes.remove(node)

    def get_node(self, key):
        if not self.nodes:
            return None
        return self.nodes[self.hash(key) % len(self.nodes)]

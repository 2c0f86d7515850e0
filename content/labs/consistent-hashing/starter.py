from typing import Callable, Optional


def ring_hash(text: str) -> int:
    """Copy the reference hash from the task description."""
    return 0


class HashRing:
    def __init__(self, vnodes: int = 100, hash: Callable[[str], int] = ring_hash):
        pass

    def add_node(self, node: str) -> None:
        pass

    def remove_node(self, node: str) -> None:
        pass

    def get_node(self, key: str) -> Optional[str]:
        return None

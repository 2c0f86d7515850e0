class HashMap:
    """A string-keyed hash map built on plain lists (no dict or set used for the entries)."""

    def __init__(self):
        pass

    @property
    def size(self) -> int:
        """Number of keys stored."""
        return 0

    @property
    def capacity(self) -> int:
        """Number of buckets (or slots), starting at 8."""
        return 8

    def set(self, key: str, value) -> None:
        pass

    def get(self, key: str):
        """The value, or None if the key is absent."""
        return None

    def delete(self, key: str) -> bool:
        """Whether a key was removed."""
        return False

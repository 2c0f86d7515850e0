from typing import Callable, Optional

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_base62(n: int) -> str:
    return ""


def decode_base62(code: str) -> int:
    return 0


class Shortener:
    def __init__(self, next_id: Optional[Callable[[], int]] = None):
        pass

    def shorten(self, url: str, alias: Optional[str] = None) -> Optional[str]:
        return None

    def resolve(self, code: str) -> dict:
        return {"status": 404, "location": None}

    def clicks(self, code: str) -> int:
        return 0

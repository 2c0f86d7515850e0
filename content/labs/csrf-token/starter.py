import base64
import hashlib
import hmac
from typing import Callable


def issue_token(session_id: str, secret: str, now: int, random: Callable[[int], bytes]) -> str:
    return ""


def check_token(token: str, session_id: str, secret: str, now: int, max_age_seconds: int) -> bool:
    return False


def should_check(method: str) -> bool:
    return True

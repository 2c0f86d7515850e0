import base64
import hashlib
import hmac
import os


def hash_password(password: str, params: dict | None = None) -> str:
    return ""


def verify_password(password: str, stored: str) -> bool:
    return False


def needs_rehash(stored: str, current_params: dict) -> bool:
    return True

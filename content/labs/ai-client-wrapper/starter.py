import math


class ApiError(Exception):
    def __init__(self, status: int):
        super().__init__(f"completion API answered {status}")
        self.status = status


class BudgetExceeded(Exception):
    pass


def cache_key(prompt: str) -> str:
    """Lowercase hex SHA-256 of the normalised prompt."""
    return ""


class AiClient:
    def __init__(self, transport, *, sleep=None, now=None, max_retries=3, token_budget=None):
        pass

    @property
    def remaining_tokens(self) -> float:
        return math.inf

    def complete(self, prompt: str) -> dict:
        raise NotImplementedError

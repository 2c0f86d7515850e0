from typing import Any, Callable, Dict, Optional

Response = Dict[str, Any]  # {"status": int, "body": Any}


class IdempotentHandler:
    def __init__(
        self,
        handler: Callable[[Any], Response],
        ttl_ms: float = 86_400_000,
        now: Optional[Callable[[], float]] = None,
    ):
        self.handler = handler

    def handle(self, key: str, body: Any) -> Response:
        return self.handler(body)

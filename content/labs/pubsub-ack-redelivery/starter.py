from typing import Any, Callable, Optional


class Broker:
    def __init__(self, ack_timeout_ms: float = 30000, max_attempts: int = 5,
                 now: Optional[Callable[[], float]] = None):
        pass

    def subscribe(self, topic: str, subscriber_id: str) -> None:
        pass

    def publish(self, topic: str, message: Any) -> int:
        return 0

    def poll(self, subscriber_id: str, limit: int = 10) -> list[dict]:
        """Deliveries are dicts {"id", "topic", "message", "attempt"}."""
        return []

    def ack(self, subscriber_id: str, message_id: int) -> bool:
        return False

    def dead_letters(self, subscriber_id: str) -> list[dict]:
        return []

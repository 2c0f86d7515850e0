from collections.abc import Sequence


class Counter:
    def inc(self, labels: dict[str, str] | None = None, by: float = 1) -> None:
        pass


class Histogram:
    def observe(self, labels: dict[str, str] | None, value: float) -> None:
        pass


class Registry:
    def counter(self, name: str, help: str, label_names: Sequence[str] = ()) -> Counter:
        return Counter()

    def histogram(self, name: str, help: str, buckets: Sequence[float], label_names: Sequence[str] = ()) -> Histogram:
        return Histogram()

    def expose(self) -> str:
        return ""

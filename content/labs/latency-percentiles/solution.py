import math


class LatencyRecorder:
    """Exact nearest-rank percentiles: O(1) appends, one sort per batch of queries (cached until the next record)."""

    def __init__(self):
        self._values: list[float] = []
        self._sorted: list[float] | None = None

    def record(self, ms: float) -> None:
        if isinstance(ms, bool) or not isinstance(ms, (int, float)) or not math.isfinite(ms) or ms < 0:
            raise ValueError(f"latency must be a finite number >= 0, got {ms!r}")
        self._values.append(ms)
        self._sorted = None

    def percentiles(self, ps: list[float]) -> list[float | None]:
        for p in ps:
            if not 0 <= p <= 100:  # False for NaN too
                raise ValueError(f"percentile out of range: {p!r}")
        n = len(self._values)
        if n == 0:
            return [None for _ in ps]
        if self._sorted is None:
            self._sorted = sorted(self._values)
        # Nearest rank: ceil(p * n / 100), at least 1, counted from 1.
        return [self._sorted[max(1, math.ceil(p * n / 100)) - 1] for p in ps]

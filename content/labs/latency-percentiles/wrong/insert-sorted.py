# Wrong complexity: keeps the list sorted with bisect.insort on every record, O(n) per record and O(n^2) overall.
import bisect
import math


class LatencyRecorder:
    def __init__(self):
        self._sorted = []

    def record(self, ms):
        if not isinstance(ms, (int, float)) or not math.isfinite(ms) or ms < 0:
            raise ValueError("bad latency")
        bisect.insort(self._sorted, ms)

    def percentiles(self, ps):
        if any(not 0 <= p <= 100 for p in ps):
            raise ValueError("bad percentile")
        n = len(self._sorted)
        if n == 0:
            return [None for _ in ps]
        return [self._sorted[max(1, math.ceil(p * n / 100)) - 1] for p in ps]

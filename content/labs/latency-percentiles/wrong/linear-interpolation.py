# Wrong: interpolates between neighbours (numpy's default "linear" method) instead of using nearest rank.
import math


class LatencyRecorder:
    def __init__(self):
        self._values = []

    def record(self, ms):
        if not isinstance(ms, (int, float)) or not math.isfinite(ms) or ms < 0:
            raise ValueError("bad latency")
        self._values.append(ms)

    def percentiles(self, ps):
        if any(not 0 <= p <= 100 for p in ps):
            raise ValueError("bad percentile")
        if not self._values:
            return [None for _ in ps]
        ordered = sorted(self._values)
        result = []
        for p in ps:
            position = p / 100 * (len(ordered) - 1)
            low = math.floor(position)
            high = min(low + 1, len(ordered) - 1)
            result.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
        return result

"""A minimal Prometheus client registry rendering the text exposition format."""
import math
import re
from collections.abc import Sequence

METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")


def escape_label_value(value: str) -> str:
    # The backslash goes first, or it would double the escapes added for the others.
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def format_number(value: float) -> str:
    """Like JavaScript's String(n): 3 not 3.0, 0.25 as is, +Inf for infinity."""
    if value == math.inf:
        return "+Inf"
    if value == -math.inf:
        return "-Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def render_labels(pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return ""
    return "{" + ",".join(f'{name}="{escape_label_value(value)}"' for name, value in pairs) + "}"


class _Metric:
    type = ""

    def __init__(self, name: str, help: str, label_names: Sequence[str]):
        if not METRIC_NAME.fullmatch(name):
            raise ValueError(f"invalid metric name: {name!r}")
        for label in label_names:
            if not LABEL_NAME.fullmatch(label) or label.startswith("__"):
                raise ValueError(f"invalid label name: {label!r}")
        if len(set(label_names)) != len(label_names):
            raise ValueError(f"{name}: duplicate label names")
        self.name = name
        self.help = help
        self.label_names = tuple(label_names)
        # Label values tuple -> series state. Tuples sort element by element, which is the order we need.
        self._series: dict[tuple[str, ...], dict] = {}

    def _series_for(self, labels: dict[str, str] | None) -> dict:
        labels = labels or {}
        if set(labels) != set(self.label_names):
            raise ValueError(f"{self.name} expects labels {list(self.label_names)}, got {sorted(labels)}")
        key = tuple(str(labels[name]) for name in self.label_names)
        if key not in self._series:
            self._series[key] = self._empty_state()
        return self._series[key]

    def _empty_state(self) -> dict:
        raise NotImplementedError

    def _render_series(self, state: dict, pairs: list[tuple[str, str]]) -> list[str]:
        raise NotImplementedError

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {escape_help(self.help)}", f"# TYPE {self.name} {self.type}"]
        for key in sorted(self._series):
            lines += self._render_series(self._series[key], list(zip(self.label_names, key)))
        return lines


class Counter(_Metric):
    type = "counter"

    def __init__(self, name, help, label_names):
        super().__init__(name, help, label_names)
        if not self.label_names:
            self._series_for({})  # an unlabelled metric is exposed at zero from the start

    def _empty_state(self):
        return {"value": 0}

    def inc(self, labels: dict[str, str] | None = None, by: float = 1) -> None:
        if not math.isfinite(by) or by < 0:
            raise ValueError(f"a counter only goes up: cannot increment {self.name} by {by}")
        self._series_for(labels)["value"] += by

    def _render_series(self, state, pairs):
        return [f"{self.name}{render_labels(pairs)} {format_number(state['value'])}"]


class Histogram(_Metric):
    type = "histogram"

    def __init__(self, name, help, buckets, label_names):
        super().__init__(name, help, label_names)
        if "le" in self.label_names:
            raise ValueError(f'{name}: "le" is reserved for histogram buckets')
        if not buckets or any(not math.isfinite(b) for b in buckets) or any(a >= b for a, b in zip(buckets, buckets[1:])):
            raise ValueError(f"{name}: buckets must be finite and strictly increasing")
        self.bounds = [*buckets, math.inf]
        if not self.label_names:
            self._series_for({})

    def _empty_state(self):
        # Per-bucket counts (an observation lands in exactly one); render() makes them cumulative.
        return {"counts": [0] * len(self.bounds), "sum": 0, "count": 0}

    def observe(self, labels: dict[str, str] | None, value: float) -> None:
        if math.isnan(value):
            raise ValueError(f"{self.name}: cannot observe NaN")
        state = self._series_for(labels)
        # `le` is "less than or equal": a value on a boundary belongs to that bucket; +Inf always matches.
        index = next(i for i, bound in enumerate(self.bounds) if value <= bound)
        state["counts"][index] += 1
        state["sum"] += value
        state["count"] += 1

    def _render_series(self, state, pairs):
        lines = []
        cumulative = 0
        for bound, count in zip(self.bounds, state["counts"]):
            cumulative += count
            lines.append(f"{self.name}_bucket{render_labels(pairs + [('le', format_number(bound))])} {cumulative}")
        lines.append(f"{self.name}_sum{render_labels(pairs)} {format_number(state['sum'])}")
        lines.append(f"{self.name}_count{render_labels(pairs)} {state['count']}")
        return lines


class Registry:
    def __init__(self):
        self._metrics: dict[str, _Metric] = {}  # dicts keep insertion (registration) order

    def counter(self, name: str, help: str, label_names: Sequence[str] = ()) -> Counter:
        return self._register(Counter(name, help, label_names))

    def histogram(self, name: str, help: str, buckets: Sequence[float], label_names: Sequence[str] = ()) -> Histogram:
        return self._register(Histogram(name, help, list(buckets), label_names))

    def _register(self, metric):
        if metric.name in self._metrics:
            raise ValueError(f"metric already registered: {metric.name}")
        self._metrics[metric.name] = metric
        return metric

    def expose(self) -> str:
        return "".join(line + "\n" for metric in self._metrics.values() for line in metric.render())

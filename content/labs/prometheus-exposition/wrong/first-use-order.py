# Wrong: series are written in the order they were first used, not sorted by label values, so the output changes with traffic order.
import math


def fmt(value):
    if value == math.inf:
        return "+Inf"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def escape(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def escape_help(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def labels_text(pairs):
    return "{" + ",".join(f'{name}="{escape(value)}"' for name, value in pairs) + "}" if pairs else ""


class Counter:
    def __init__(self, name, help, label_names):
        self.name, self.help, self.label_names = name, help, tuple(label_names)
        self.values = {} if label_names else {(): 0}

    def _key(self, labels):
        labels = labels or {}
        if set(labels) != set(self.label_names):
            raise ValueError("wrong labels")
        return tuple(labels[n] for n in self.label_names)

    def inc(self, labels=None, by=1):
        if by < 0:
            raise ValueError("counters only go up")
        key = self._key(labels)
        self.values[key] = self.values.get(key, 0) + by

    def render(self):
        out = [f"# HELP {self.name} {escape_help(self.help)}", f"# TYPE {self.name} counter"]
        for key in self.values:
            out.append(f"{self.name}{labels_text(list(zip(self.label_names, key)))} {fmt(self.values[key])}")
        return out


class Histogram:
    def __init__(self, name, help, buckets, label_names):
        self.name, self.help, self.label_names = name, help, tuple(label_names)
        self.bounds = list(buckets) + [math.inf]
        self.series = {}
        if not label_names:
            self.series[()] = self._empty()

    def _empty(self):
        return {"buckets": [0] * len(self.bounds), "sum": 0, "count": 0}

    def observe(self, labels, value):
        labels = labels or {}
        if set(labels) != set(self.label_names):
            raise ValueError("wrong labels")
        key = tuple(labels[n] for n in self.label_names)
        state = self.series.setdefault(key, self._empty())
        for i, bound in enumerate(self.bounds):
            if value <= bound:
                state["buckets"][i] += 1
        state["sum"] += value
        state["count"] += 1

    def render(self):
        out = [f"# HELP {self.name} {escape_help(self.help)}", f"# TYPE {self.name} histogram"]
        for key in self.series:
            pairs = list(zip(self.label_names, key))
            state = self.series[key]
            for bound, count in zip(self.bounds, state["buckets"]):
                out.append(f"{self.name}_bucket{labels_text(pairs + [('le', fmt(bound))])} {count}")
            out.append(f"{self.name}_sum{labels_text(pairs)} {fmt(state['sum'])}")
            out.append(f"{self.name}_count{labels_text(pairs)} {state['count']}")
        return out


class Registry:
    def __init__(self):
        self.metrics = {}

    def _add(self, metric):
        if metric.name in self.metrics:
            raise ValueError("duplicate metric")
        self.metrics[metric.name] = metric
        return metric

    def counter(self, name, help, label_names=()):
        return self._add(Counter(name, help, label_names))

    def histogram(self, name, help, buckets, label_names=()):
        return self._add(Histogram(name, help, buckets, label_names))

    def expose(self):
        return "".join(line + "\n" for m in self.metrics.values() for line in m.render())

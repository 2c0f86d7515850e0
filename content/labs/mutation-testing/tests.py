"""Mutation testing of the candidate's suite. The candidate defines `TESTS` (name -> fn(impl)); each
lab test below runs that whole suite against one implementation of apply_discount and reports whether
it all passed or, for a mutant, whether the suite killed it."""
from types import SimpleNamespace


def make_apply_discount(strict_minimum=False, floor_save10=False, no_cap=False, case_sensitive=False,
                        ignore_unknown=False, allow_negative=False):
    """The correct apply_discount, or a mutant of it when one flag is set. Each flag plants one bug."""

    def apply_discount(total_cents, code):
        if not isinstance(total_cents, int) or (not allow_negative and total_cents < 0):
            raise ValueError("total_cents must be a non-negative integer")
        if code is None or code.strip() == "":
            return total_cents
        normalised = code.strip() if case_sensitive else code.strip().upper()
        if normalised == "SAVE10":
            return total_cents - (total_cents // 10 if floor_save10 else (total_cents + 5) // 10)
        if normalised == "TENOFF":
            qualifies = total_cents > 5000 if strict_minimum else total_cents >= 5000
            return total_cents - 1000 if qualifies else total_cents
        if normalised == "HALFOFF":
            half = (total_cents + 1) // 2
            return total_cents - (half if no_cap else min(half, 2500))
        if ignore_unknown:
            return total_cents
        raise ValueError(f"unknown discount code: {code!r}")

    return apply_discount


def suite_of(solution):
    suite = getattr(solution, "TESTS", None)
    if not isinstance(suite, dict):
        return {}
    return {name: test for name, test in suite.items() if callable(test)}


def run_suite(solution, fn):
    """Runs every test of the candidate's suite against `fn`; returns the failures as "name: message"."""
    failures = []
    for name, test in suite_of(solution).items():
        # A fresh wrapper each time, so every implementation looks the same from the outside.
        def apply_discount(total_cents, code):
            return fn(total_cents, code)

        try:
            test(SimpleNamespace(apply_discount=apply_discount))
        except Exception as error:  # noqa: BLE001 - any failure counts, as in a test runner
            message = str(error) or type(error).__name__
            failures.append(f"{name}: {message.splitlines()[0][:200] if message else ''}")
    return failures


def verdict(solution, **bug):
    return "killed" if run_suite(solution, make_apply_discount(**bug)) else "survived"


def passes_on_correct(solution):
    failures = run_suite(solution, make_apply_discount())
    return "all passed" if not failures else "failed on the correct implementation: " + " | ".join(failures)


def at_least_three(solution):
    return min(len(suite_of(solution)), 3)


TESTS = {
    "your tests pass on the correct implementation": passes_on_correct,
    "you wrote at least 3 tests": at_least_three,
    "kills the minimum-order off-by-one mutant": lambda s: verdict(s, strict_minimum=True),
    "kills the rounding mutant": lambda s: verdict(s, floor_save10=True),
    "kills the missing-cap mutant": lambda s: verdict(s, no_cap=True),
    "kills the case-sensitive mutant": lambda s: verdict(s, case_sensitive=True),
    "kills the mutant that ignores unknown codes": lambda s: verdict(s, ignore_unknown=True),
    "kills the mutant that accepts negative totals": lambda s: verdict(s, allow_negative=True),
}

# Wrong: a thorough suite, but it assumes SAVE10 rounds the discount down (1995 -> 1796), so it fails on the correct implementation.


def raises(fn):
    try:
        fn()
    except ValueError:
        return True
    return False


def save10(impl):
    assert impl.apply_discount(1000, "SAVE10") == 900
    assert impl.apply_discount(1995, "SAVE10") == 1796


def tenoff(impl):
    assert impl.apply_discount(4999, "TENOFF") == 4999
    assert impl.apply_discount(5000, "TENOFF") == 4000


def halfoff(impl):
    assert impl.apply_discount(2000, "HALFOFF") == 1000
    assert impl.apply_discount(8000, "HALFOFF") == 5500


def normalising(impl):
    assert impl.apply_discount(1000, " save10 ") == 900


def errors(impl):
    assert raises(lambda: impl.apply_discount(1000, "NOPE"))
    assert raises(lambda: impl.apply_discount(-1, None))


TESTS = {
    "SAVE10": save10,
    "TENOFF": tenoff,
    "HALFOFF": halfoff,
    "normalising": normalising,
    "errors": errors,
}

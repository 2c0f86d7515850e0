# Each test receives `impl` and fails by raising. Call impl.apply_discount, never your own copy.


def save10_takes_ten_percent_off(impl):
    assert impl.apply_discount(1000, "SAVE10") == 900


TESTS = {
    "SAVE10 takes ten percent off": save10_takes_ten_percent_off,
}

"""One test per rule; every threshold is tested on, just below and just above it, which pins down the
boundaries and rounding that a happy-path test leaves loose."""


def raises_value_error(fn):
    try:
        fn()
    except ValueError:
        return True
    return False


def no_code_is_full_price(impl):
    assert impl.apply_discount(1234, None) == 1234
    assert impl.apply_discount(1234, "  ") == 1234


def save10_takes_ten_percent(impl):
    assert impl.apply_discount(1000, "SAVE10") == 900
    assert impl.apply_discount(0, "SAVE10") == 0


def save10_rounds_half_up(impl):
    assert impl.apply_discount(1994, "SAVE10") == 1795  # 199.4 -> 199 off
    assert impl.apply_discount(1995, "SAVE10") == 1795  # 199.5 -> 200 off
    assert impl.apply_discount(1996, "SAVE10") == 1796  # 199.6 -> 200 off


def tenoff_from_exactly_5000(impl):
    assert impl.apply_discount(4999, "TENOFF") == 4999
    assert impl.apply_discount(5000, "TENOFF") == 4000
    assert impl.apply_discount(5001, "TENOFF") == 4001


def halfoff_is_capped(impl):
    assert impl.apply_discount(2001, "HALFOFF") == 1000  # 1000.5 -> 1001 off
    assert impl.apply_discount(5000, "HALFOFF") == 2500  # exactly at the cap
    assert impl.apply_discount(5002, "HALFOFF") == 2502  # capped
    assert impl.apply_discount(20000, "HALFOFF") == 17500


def codes_ignore_case_and_spaces(impl):
    assert impl.apply_discount(1000, "save10") == 900
    assert impl.apply_discount(6000, "  TenOff ") == 5000


def unknown_code_raises(impl):
    assert raises_value_error(lambda: impl.apply_discount(1000, "SAVE100"))
    assert raises_value_error(lambda: impl.apply_discount(1000, "FREESHIP"))


def invalid_total_raises(impl):
    assert raises_value_error(lambda: impl.apply_discount(-1, None))
    assert raises_value_error(lambda: impl.apply_discount(-500, "SAVE10"))
    assert raises_value_error(lambda: impl.apply_discount(10.5, None))


TESTS = {
    "no code or a blank code charges the full total": no_code_is_full_price,
    "SAVE10 takes ten percent off": save10_takes_ten_percent,
    "SAVE10 rounds the discount half up": save10_rounds_half_up,
    "TENOFF applies from exactly 5000 cents": tenoff_from_exactly_5000,
    "HALFOFF is capped at 2500 off": halfoff_is_capped,
    "codes ignore case and surrounding spaces": codes_ignore_case_and_spaces,
    "an unknown code raises": unknown_code_raises,
    "a negative or fractional total raises": invalid_total_raises,
}

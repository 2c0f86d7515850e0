# Wrong: applies the jitter first and caps afterwards, so once the exponential delay passes max_ms the waits bunch up near max_ms instead of spreading over 0..max_ms.
import random as _random
import time


def retry(fn, *, retries, base_ms, max_ms, sleep=None, random=None):
    sleep = sleep or (lambda ms: time.sleep(ms / 1000))
    random = random or _random.random
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as error:
            if getattr(error, "retryable", False) is not True or attempt >= retries:
                raise
            sleep(min(max_ms, random() * base_ms * 2**attempt))
            attempt += 1

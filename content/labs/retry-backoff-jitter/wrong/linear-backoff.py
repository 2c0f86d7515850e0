# Wrong: the backoff grows linearly (base_ms * (attempt + 1)) instead of doubling with each retry.
import random as _random
import time


def retry(fn, *, retries, base_ms, max_ms, sleep=None, random=None):
    sleep = sleep or (lambda ms: time.sleep(ms / 1000))
    random = random or _random.random
    for attempt in range(retries + 1):
        try:
            return fn()
        except Exception as error:
            if getattr(error, "retryable", False) is not True or attempt == retries:
                raise
            sleep(random() * min(max_ms, base_ms * (attempt + 1)))

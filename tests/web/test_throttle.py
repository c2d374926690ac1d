"""The login throttle's tables (web11): bounded, and exact about the window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.web import auth as A


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.floats(0, 200, allow_nan=False)),
                max_size=80))
def test_the_client_table_stays_bounded_and_counts_the_window_exactly(events) -> None:
    old = A.MAX_CLIENTS
    A.MAX_CLIENTS = 8  # (small, so the bound is reached)
    try:
        auth = A.Auth("t")
        events = sorted(events, key=lambda e: e[1])  # time moves forward
        for k, (client, now) in enumerate(events):
            auth.failed(f"c{client}", now=now)
            assert len(auth.failures) <= A.MAX_CLIENTS
            # a client still in the table is judged by its failures in the window
            for key in list(auth.failures):
                mine = [t for c, t in events[:k + 1] if f"c{c}" == key
                        and now - t <= A.FAILURE_WINDOW]
                assert (auth.wait(key, now=now) > 0) == (len(mine) >= A.MAX_FAILURES)
    finally:
        A.MAX_CLIENTS = old


def test_pacing_starts_only_past_slow_after_and_queues_in_turn() -> None:
    auth = A.Auth("t")
    for k in range(A.SLOW_AFTER - 1):
        auth.failed(f"10.0.0.{k}", now=100.0)
    assert auth.pace(now=100.0) == 0.0 and auth.next_slot == 0.0  # not paced yet
    auth.failed("10.0.1.1", now=100.0)
    waits = [auth.pace(now=100.0) for _ in range(4)]
    assert waits == [0.0, A.PACE, 2 * A.PACE, 3 * A.PACE]
    # a full queue answers None (429 Retry-After), it never refuses for good
    n = int(A.MAX_QUEUE_WAIT / A.PACE) + 2
    assert [auth.pace(now=100.0) for _ in range(n)][-1] is None
    assert auth.pace(now=100.0 + A.FAILURE_WINDOW + 1) == 0.0  # the failures aged out

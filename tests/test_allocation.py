"""lib.extract.allocation: a step's large arrays reuse memory; the process's settings come back."""
import numpy as np

from lib.extract.allocation import _huge_pages, memory_reused


def test_the_huge_page_setting_is_restored_after_a_step_even_nested_or_failing():
    before = _huge_pages(True)
    try:
        with memory_reused():
            with memory_reused():  # the inner one leaves the settings to the outer
                assert _huge_pages(False) is False
            assert _huge_pages(False) is False
        assert _huge_pages(True) is True
        try:
            with memory_reused():
                raise KeyError("a step that fails")
        except KeyError:
            pass
        assert _huge_pages(True) is True
    finally:
        if before is not None:
            _huge_pages(before)


def test_arrays_made_in_a_step_hold_their_values():
    with memory_reused():
        kept = [np.arange(1_000_000, dtype=np.int64) * k for k in range(3)]
        del kept[0]
        more = np.ones(2_000_000, dtype=np.int64)
    assert int(kept[1][-1]) == 2 * 999_999 and int(more.sum()) == 2_000_000

"""Large temporary arrays that reuse memory instead of asking the kernel for fresh pages.

A numpy step over millions of entries (near duplicates at a million mentions: arrays of 20 million
integers, made and dropped a few dozen times) gets each large array from its own `mmap` (glibc's
malloc maps every block past 32 MB apart and unmaps it when freed), with huge pages asked for
(numpy's madvise): each array's pages are faulted in and zeroed again by the kernel. On this
project's virtual machine that was over half of the step's CPU time (near duplicates at 1,000,000
generated mentions: 15.0 s of CPU, 8.1 s of it in the kernel). `memory_reused()` runs a step with
blocks taken from malloc's heap (which keeps what is freed for the next array) and no huge pages,
then gives the heap's free pages back. Where that cannot be done (no glibc) it does nothing.

>>> with memory_reused():
...     pass
"""
from __future__ import annotations

import ctypes
import gc
import os
import platform
from contextlib import contextmanager

# glibc's malloc.h: the parameters of mallopt, and their defaults
M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4
DEFAULT_TRIM_THRESHOLD, DEFAULT_MMAP_MAX = 128 * 1024, 65536
KEPT = 2 ** 31 - 1  # the trim threshold while a step runs (the most mallopt takes): keep the heap's top
_depth = 0  # steps running inside one another: the outermost sets and restores


def _libc():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def _setting(variable: str, default: int) -> int:
    """What the process's malloc had before: glibc's environment variable, else its default."""
    try:
        return int(os.environ.get(variable, default))
    except ValueError:
        return default


def _huge_pages(enabled: bool) -> bool | None:
    """Set numpy's huge-page advice for its large arrays; the setting before, None if unknown."""
    try:
        from numpy._core import multiarray
    except ImportError:  # numpy before 2.0
        try:
            from numpy.core import multiarray
        except ImportError:
            return None
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    return bool(setter(enabled)) if setter is not None else None


@contextmanager
def memory_reused():
    """Run a step whose large arrays should reuse the memory its earlier arrays freed (see the
    module). The settings are the process's: a step inside another leaves them to the outer one."""
    global _depth
    libc = _libc() if _depth == 0 else None
    if libc is None:
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    huge = _huge_pages(False)
    libc.mallopt(M_MMAP_MAX, 0)
    libc.mallopt(M_TRIM_THRESHOLD, KEPT)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        libc.mallopt(M_MMAP_MAX, _setting("MALLOC_MMAP_MAX_", DEFAULT_MMAP_MAX))
        libc.mallopt(M_TRIM_THRESHOLD, _setting("MALLOC_TRIM_THRESHOLD_", DEFAULT_TRIM_THRESHOLD))
        libc.malloc_trim(0)
        if huge is not None:
            _huge_pages(huge)


def kept_as_old() -> None:
    """Put every object the cycle collector tracks in its oldest generation, as if it had survived
    the young ones' passes. For a step that made a million long-lived records with the collector
    paused (`lib.extract.collector_paused`): re-enabled, the collector would walk all of them in a
    young pass, then again in the middle one (consolidation of 100,000 generated mentions: 0.29 s
    and 0.31 s, 9% of the step). The oldest generation is walked as before, when it has grown by a
    quarter; garbage in reference cycles is still collected, at that pass.

    >>> kept_as_old(); gc.get_count()[0] < 100
    True
    """
    gc.freeze()    # every generation's objects to the permanent one (the young count set to 0)
    gc.unfreeze()  # and the permanent one's to the oldest

"""Opening a store file: one process at a time, one DuckDB database per process, and the store's
errors in plain words.

DuckDB lets one process open a file for writing (and none read it meanwhile). A process holds a
file lock, `<store>.lock` (fcntl: exclusive for writing, shared for read-only), for as long as any
Store of it has the file open; another process waits up to the CTE_STORE_WAIT setting, then gets
StoreLocked saying who holds it. Within a process, each file is one DuckDB database and each
Store a cursor of it (opening and closing connections to one file from several threads at once
races DuckDB's own instance cache), and `Holder.writer` is the lock every change takes.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "s.duckdb"
>>> holder = holder_of(path)
>>> con = acquire(holder, path, exclusive=True, wait=0)
>>> (holder.count, holder.lock_path.name)
(1, 's.duckdb.lock')
>>> con.close(); release(holder)
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path

import duckdb

try:
    import fcntl
except ImportError:  # not a POSIX system: processes are not coordinated beyond DuckDB's own lock
    fcntl = None

class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why and what to do."""


class StoreLocked(StoreError):
    """Another process has the store file open."""


class EditConflict(StoreError):
    """Someone else changed the article between reading it and saving: nothing was written.

    `current` is the value now stored (the publication date), to show the analyst."""

    def __init__(self, article_id: str, current: str, message: str):
        super().__init__(message)
        self.article_id, self.current = article_id, current


# --- one writer at a time ------------------------------------------------------------------------

class Holder:
    """This process's hold on one store file: the file lock (shared or exclusive) while any Store
    of the process has it open, and the writer lock its threads take for every change."""

    def __init__(self, lock_path: Path):
        self.lock_path = lock_path
        self.guard = threading.Lock()
        self.writer = threading.RLock()
        self.count = 0
        self.exclusive = False
        self.fd: int | None = None
        # one DuckDB database per process and file, each Store a cursor of it: opening and closing
        # connections to one file from several threads at once races DuckDB's own instance cache
        self.root: duckdb.DuckDBPyConnection | None = None


_HOLDERS: dict[str, Holder] = {}
_HOLDERS_GUARD = threading.Lock()


def holder_of(path: Path) -> Holder:
    key = os.path.abspath(path)
    with _HOLDERS_GUARD:
        if key not in _HOLDERS:
            _HOLDERS[key] = Holder(Path(key + ".lock"))
        return _HOLDERS[key]


def _lock_holder_text(lock_path: Path) -> str:
    try:
        text = lock_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""


def acquire(holder: Holder, path: Path, exclusive: bool, wait: float
             ) -> duckdb.DuckDBPyConnection:
    """Count this Store in the process's hold, taking the file lock and opening the database on
    the first one; a new connection (cursor) to the database."""
    deadline = time.monotonic() + wait
    while True:
        with holder.guard:
            if holder.count and holder.exclusive != exclusive:
                raise StoreError(f"cannot open the store {path}: this process already has it "
                                 f"open {'for writing' if holder.exclusive else 'read-only'}: use "
                                 "one mode for every Store on a file within a process")
            if holder.count == 0:
                holder.fd = (_lock_file(holder, path, exclusive, deadline - time.monotonic())
                             if fcntl is not None else None)
                try:
                    holder.root = _open_database(path, read_only=not exclusive)
                except BaseException:
                    _unlock(holder)
                    raise
                return _join(holder, exclusive)
            # this process has it: join, unless another process is queuing for it (then let
            # this process's Stores close first, so that a busy app cannot starve the other)
            if time.monotonic() >= deadline or not _someone_queuing(holder):
                return _join(holder, exclusive)
        time.sleep(0.02)


def _join(holder: Holder, exclusive: bool) -> duckdb.DuckDBPyConnection:
    """Count one more Store (the caller holds holder.guard); its connection."""
    holder.exclusive = exclusive
    holder.count += 1
    try:
        return holder.root.cursor()
    except BaseException:
        release(holder, locked=True)
        raise


def _someone_queuing(holder: Holder) -> bool:
    """Whether another process waits at the turnstile (holds `<store>.lock.queue`)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(str(holder.lock_path) + ".queue", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def _open_database(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        message = str(error)
        lowered = message.lower()
        if "lock" in lowered:
            holder = re.search(r"held in (.+?)(?:\. See|$)", message)
            raise StoreLocked(locked_message(
                path, f" ({holder.group(1)})" if holder else "", 0)) from None
        if "permission denied" in lowered or "read-only file system" in lowered:
            raise StoreError(unwritable(path, "permission denied")) from None
        raise StoreError(damaged(path, message.splitlines()[0])) from None
    except duckdb.ConnectionException as error:
        raise StoreError(f"cannot open the store {path}: {error}; this process already "
                         f"has it open {'for writing' if read_only else 'read-only'}: use one "
                         "mode for every Store on a file within a process") from None
    except duckdb.Error as error:
        raise StoreError(damaged(path, str(error).splitlines()[0])) from None


def _lock_file(holder: Holder, path: Path, exclusive: bool, wait: float) -> int | None:
    try:
        fd = os.open(holder.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:  # a read-only place: a reader can still share the lock of an existing file
            fd = os.open(holder.lock_path, os.O_RDONLY)
        except OSError:
            if exclusive:
                raise StoreError(unwritable(path, f"cannot create {holder.lock_path}")) from None
            return None
    deadline = time.monotonic() + max(0.0, wait)
    # a turnstile first: whoever waits holds `<store>.lock.queue`, so a process that lets the
    # store go cannot take it straight back (flock gives no order of its own)
    queue = _open_lock(Path(str(holder.lock_path) + ".queue"))
    try:
        if queue is not None and not _poll(queue, fcntl.LOCK_EX, deadline):
            os.close(fd)
            raise StoreLocked(locked_message(path, _lock_holder_text(holder.lock_path), wait))
        if not _poll(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline):
            os.close(fd)
            raise StoreLocked(locked_message(path, _lock_holder_text(holder.lock_path), wait))
    finally:
        if queue is not None:
            os.close(queue)
    if exclusive:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
    return fd


def _open_lock(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None


def _poll(fd: int, mode: int, deadline: float) -> bool:
    """Take the flock `mode` on fd, trying until `deadline`; False when it stayed taken."""
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def release(holder: Holder, locked: bool = False) -> None:
    """Uncount a Store; the last one closes the database, then drops the file lock."""
    if not locked:
        with holder.guard:
            release(holder, locked=True)
        return
    holder.count -= 1
    if holder.count == 0:
        root, holder.root = holder.root, None
        if root is not None:
            with contextlib.suppress(duckdb.Error):
                root.close()
        _unlock(holder)


def _unlock(holder: Holder) -> None:
    if holder.fd is not None:
        os.close(holder.fd)  # closing drops the flock
        holder.fd = None


def locked_message(path: Path, holder: str, wait: float) -> str:
    return (f"the store {path} is in use by another process{holder}: it is being changed (an "
            f"update from the command line or another app), and one process at a time may "
            f"use it (waited {wait:g} s). Try again when it has finished, close the app or the "
            "other command using it, or point this one at another file (--store, or the "
            "CTE_STORE_PATH setting).")


def unwritable(path: Path, detail: str) -> str:
    return (f"cannot write the store {path}: {detail}. Give this user write access to the file "
            "and its folder, or point the explorer at a writable place (--store, or the "
            "CTE_STORE_PATH setting).")


def damaged(path: Path, detail: str) -> str:
    return (f"cannot open the store {path}: it is damaged or not a DuckDB file ({detail}). Move "
            "it aside (keep it: it holds the publication dates set in the app) and run the "
            "update again to rebuild it from the articles (python -m lib extract, or start the "
            "app).")

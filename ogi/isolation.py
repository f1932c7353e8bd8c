"""Run one file's extraction in a child process with a time and a memory limit, so a file that
hangs a reader or makes a library allocate without end costs its own extraction, not the batch.

Used by the archive extraction (`ogi.pipeline`) for the formats whose readers are native
libraries (PDF, Word, spreadsheets, images); HTML and text are read in process.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from typing import Any, Callable

from ogi.readers.base import ExtractionError


def _virtual_size() -> int:
    """This process's virtual memory now (bytes): the child's limit is counted on top of it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child(conn: Any, fn: Callable[..., Any], args: tuple, kwargs: dict, memory: int) -> None:
    if memory:
        limit = _virtual_size() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send((True, fn(*args, **kwargs)))
    except ExtractionError as exc:
        conn.send((False, str(exc)))
    except MemoryError:
        conn.send((False, f"needed more than the {memory // 2**20} MB a file may use: stopped"))
    except BaseException as exc:  # noqa: BLE001 - whatever a library raises, reported as this file's error
        conn.send((False, f"{type(exc).__name__}: {str(exc)[:300]}"))
    finally:
        conn.close()


def run_limited(fn: Callable[..., Any], *args: Any, seconds: float, memory: int, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) in a forked child limited to `seconds` and `memory` bytes more than
    this process uses; its result, or ExtractionError saying which limit stopped it."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation, same result
        return fn(*args, **kwargs)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, kwargs, memory), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            proc.kill()
            raise ExtractionError(f"reading this file took longer than {seconds:g} s: stopped")
        try:
            ok, value = parent.recv()
        except (EOFError, OSError):
            proc.join(5)
            raise ExtractionError(f"the reader died on this file (exit code {proc.exitcode}): "
                                  "out of memory or a crash in a library") from None
    finally:
        parent.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
    if not ok:
        raise ExtractionError(value)
    return value

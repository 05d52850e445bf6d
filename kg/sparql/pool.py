"""Worker processes answering SPARQL protocol requests, each query under a time limit.

A pyoxigraph query cannot be interrupted from another thread, so queries run in a few worker
processes that each open the store read-only. A query still running at its time limit has its
worker killed, which really stops the work, and a fresh worker takes its place; the other
workers go on answering. Each worker cuts itself off the network and caps its memory first
(:mod:`kg.sparql.sandbox`); a long query runs on beside the others rather than before them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.sparql.endpoint import MAX_ANSWER_BYTES, Answer, QueryRequest, answer_query, refusal
from kg.sparql.sandbox import forbid_network, limit_memory

MAX_MEMORY = 2 << 30
"""Address space of a query worker (2 GiB, ``RLIMIT_AS``): a query needing more fails."""


SHORT = 0.5
"""Seconds after which a running query counts as long (see :class:`QueryPool`)."""


class QueryPool:
    """Worker processes answering :class:`QueryRequest` s over the store at ``store``.

    ``timeout`` bounds each query's run in seconds; ``limit`` its rows, ``max_bytes`` its
    answer's size, ``max_memory`` each worker's address space. A request waits for a free
    worker at most ``timeout`` seconds too. Workers cannot open network connections
    (:func:`kg.sparql.sandbox.forbid_network`).

    Long queries cannot starve short ones: a query still running after :data:`SHORT` seconds
    leaves its worker to itself, at the lowest CPU priority, and a fresh worker takes its
    place among the ``workers`` that answer everyone; at most ``long_queries`` (default
    ``workers``) run so at once, and a query that would be one more is stopped there (503).
    """

    def __init__(
        self,
        store: str | Path,
        *,
        workers: int = 2,
        timeout: float = 30.0,
        limit: int = 10_000,
        max_bytes: int = MAX_ANSWER_BYTES,
        max_memory: int = MAX_MEMORY,
        long_queries: int | None = None,
    ) -> None:
        self.store, self.timeout, self.limit = str(store), timeout, limit
        self.max_bytes, self.max_memory = max_bytes, max_memory
        self.long_queries = workers if long_queries is None else long_queries
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._long = 0
        for _ in range(workers):
            self._idle.put(self._spawn())

    def answer(self, request: QueryRequest) -> Answer:
        """The answer to ``request``, or a 503 if it ran out of time or memory, or was a long
        query over the number allowed at once."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return refusal(503, f"all query workers busy for {self.timeout:g} s; try again")
        keep, long = False, False
        try:
            worker.wait_ready(self.timeout)  # a fresh worker's start is not its query's time
            worker.connection.send(request)
            if not worker.connection.poll(min(SHORT, self.timeout)):
                long = self._make_long(worker)
                if not long:
                    return refusal(
                        503,
                        f"{self.long_queries} long queries are running already; this one was "
                        f"stopped after {SHORT:g} s; try again later",
                    )
                if not worker.connection.poll(max(self.timeout - SHORT, 0)):
                    return refusal(503, f"query stopped at the time limit of {self.timeout:g} s")
            answer = worker.connection.recv()
            keep = not long
            return answer
        except (EOFError, OSError):
            return self._failed(worker)
        finally:
            if long:
                with self._lock:
                    self._long -= 1
            if keep:
                self._idle.put(worker)
            else:
                self._retire(worker, replace=not long)  # a long one was replaced already

    def _make_long(self, worker: _Worker) -> bool:
        """Let ``worker``'s query run on as a long one, replaced among the workers for all;
        False when as many long ones run already."""
        with self._lock:
            if self._long >= self.long_queries:
                return False
            self._long += 1
        if worker.process.pid is not None:
            with contextlib.suppress(OSError):  # gone already: the poll after says so
                os.setpriority(os.PRIO_PROCESS, worker.process.pid, 19)
        self._idle.put(self._spawn())
        return True

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers (for tests and monitoring)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def _failed(self, worker: _Worker) -> Answer:
        """The answer for a worker that died answering: out of memory, or another failure."""
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        # Rust aborts (SIGABRT) when an allocation fails, Python raises MemoryError (exit 3 by
        # _work); both mean the query needed more than the worker may have.
        if code in (-signal.SIGABRT, _OUT_OF_MEMORY):
            megabytes = self.max_memory >> 20
            return refusal(503, f"query stopped: it needed more than {megabytes:,} MiB of memory")
        return refusal(500, f"the query worker failed (exit {code}); the query was not answered")

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.store, self.limit, self.max_bytes, self.max_memory)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker, *, replace: bool) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        if replace:
            self._idle.put(self._spawn())


_OUT_OF_MEMORY = 3
"""Exit code of a worker whose query raised MemoryError."""


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context, store: str, limit: int, max_bytes: int, max_memory: int) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_work, args=(child, store, limit, max_bytes, max_memory), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) until the worker has opened the store."""
        if not self.ready and self.connection.poll(timeout):
            self.ready = self.connection.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


STACK = 64 << 20
"""Stack of the thread that runs a worker's queries (64 MiB, eight times a main thread's):
Oxigraph recurses once per level of a query's tree, and the endpoint's checks
(:mod:`kg.sparql.guard`) keep trees well below what this holds."""


def _work(connection: Connection, store: str, limit: int, max_bytes: int, max_memory: int) -> None:
    """A worker's life: cut itself off the network, cap its memory, open the store, answer
    requests until the pipe closes (in a thread with a :data:`STACK` of its own)."""
    os.environ["RUST_BACKTRACE"] = "0"  # a failed allocation: one line on stderr, not fifty
    forbid_network()
    limit_memory(max_memory)
    threading.stack_size(STACK)
    answering = threading.Thread(target=_answer, args=(connection, store, limit, max_bytes))
    answering.start()
    answering.join()


def _answer(connection: Connection, store: str, limit: int, max_bytes: int) -> None:
    opened = ox.Store.read_only(store)
    connection.send(True)  # ready
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        try:
            answer = answer_query(opened, request, limit, max_bytes)
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        connection.send(answer)

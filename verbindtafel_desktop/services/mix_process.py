"""Run the mixing engine in a child process, with progress and cancel through a Progress.

The engine is pure Python and busy the whole time; in a thread of the app it would hold
the GIL so much that the window stutters. A child process keeps the GUI thread free and
uses the second core. The waiting thread only polls a pipe, which releases the GIL.

Starting a process costs seconds on Windows and in the installed app (the child imports
the program again), while most mixes take milliseconds. So one child is started ahead
(`MIX_PROCESS.start()` when a board opens) and serves every mix after that.
"""

import contextlib
import multiprocessing
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

from verbindtafel_desktop.mixing import MixConflict, MixPlan
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.mixed_seating import MixRequest
from verbindtafel_desktop.services.progress import Progress

# After the time limit (or a cancel) the engine stops within moments; this is the margin
# for starting the child and for the engine to finish, after which it is stopped by force.
GRACE_SECONDS = 30.0
POLL_SECONDS = 0.05


def _serve(pipe: Connection, stop: Any) -> None:
    """The child: run each (request, time_limit, seed) it receives; None or EOF ends it."""
    while True:
        try:
            job = pipe.recv()
        except EOFError:
            return
        if job is None:
            return
        request, time_limit, seed = job
        try:
            plan = request.run(
                time_limit=time_limit,
                seed=seed,
                on_progress=lambda fraction: pipe.send(("progress", fraction)),
                should_stop=stop.is_set,
            )
        except MixConflict as conflict:
            pipe.send(("conflict", str(conflict)))
        except Exception:  # sent back, so the app reports it; the child keeps serving
            pipe.send(("crash", traceback.format_exc()))
        else:
            pipe.send(("done", plan))


class MixProcess:
    """One child process that runs mixes one after another."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._pipe: Connection | None = None
        self._stop: Any = None

    def start(self) -> None:
        """Start the child if it is not running; returns at once (it gets ready meanwhile)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe()
        self._stop = context.Event()
        self._process = context.Process(target=_serve, args=(there, self._stop), daemon=True)
        self._process.start()
        there.close()
        self._pipe = here

    def _discard(self) -> None:
        """Stop a child that misbehaved; the next mix starts a fresh one."""
        if self._pipe is not None:
            self._pipe.close()
        if self._process is not None:
            self._process.terminate()
            self._process.join(timeout=5)
        self._process = self._pipe = None

    def run(
        self,
        request: MixRequest,
        *,
        time_limit: float,
        seed: int | None,
        progress: Progress,
        text: str,
    ) -> MixPlan:
        with self._lock:
            self._start()
            pipe = self._pipe
            assert pipe is not None
            self._stop.clear()
            try:
                pipe.send((request, time_limit, seed))
            except OSError:
                self._discard()
                raise RuntimeError("Het mixen is onverwacht gestopt.") from None
            return self._wait(pipe, time_limit, progress, text)

    def _wait(self, pipe: Connection, time_limit: float, progress: Progress, text: str) -> MixPlan:
        deadline = time.monotonic() + time_limit + GRACE_SECONDS
        while True:
            if progress.cancelled and not self._stop.is_set():
                self._stop.set()
            if pipe.poll(POLL_SECONDS):
                try:
                    kind, value = pipe.recv()
                except EOFError:
                    self._discard()
                    raise RuntimeError("Het mixen is onverwacht gestopt.") from None
                if kind == "progress":
                    progress.report(int(value * 100), 100, text)
                    continue
                if kind == "conflict":
                    raise ServiceError(value)
                if kind == "crash":
                    raise RuntimeError(f"Het mixen is mislukt:\n{value}")
                progress.check()  # a cancelled mix is thrown away, not applied
                assert isinstance(value, MixPlan)
                return value
            if time.monotonic() > deadline:
                self._discard()
                raise ServiceError("Het mixen reageerde niet meer en is gestopt.")

    def close(self) -> None:
        with self._lock:
            if self._pipe is not None:
                with contextlib.suppress(OSError):  # a child that died needs no goodbye
                    self._pipe.send(None)
            if self._process is not None:
                self._process.join(timeout=5)
            self._discard()


MIX_PROCESS = MixProcess()


def mix_in_process(
    request: MixRequest,
    *,
    time_limit: float,
    seed: int | None,
    progress: Progress,
    text: str = "",
) -> MixPlan:
    """`request.run(...)` in the child process. A rule clash raises ServiceError (Dutch), a
    cancel raises Cancelled once the engine stopped, a failure in the child RuntimeError."""
    return MIX_PROCESS.run(request, time_limit=time_limit, seed=seed, progress=progress, text=text)

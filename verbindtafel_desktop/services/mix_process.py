"""Run the mixing engine in a child process, with progress and cancel through a Progress.

The engine is pure Python and busy the whole time; in a thread of the app it would hold
the GIL so much that the window stutters. A child process keeps the GUI thread free and
uses the second core. The waiting thread only polls a pipe, which releases the GIL.
"""

import multiprocessing
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

from verbindtafel_desktop.mixing import MixConflict, MixPlan
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.seating_plan import MixRequest

# After the time limit (or a cancel) the engine stops within moments; this is the margin
# after which a child that does not answer is stopped by force.
GRACE_SECONDS = 15.0
POLL_SECONDS = 0.05


def _child(
    request: MixRequest, time_limit: float, seed: int | None, stop: Any, pipe: Connection
) -> None:
    try:
        plan = request.run(
            time_limit=time_limit,
            seed=seed,
            on_progress=lambda fraction: pipe.send(("progress", fraction)),
            should_stop=stop.is_set,
        )
    except MixConflict as conflict:
        pipe.send(("conflict", str(conflict)))
    except BaseException:  # every failure is sent back, so the app can report it
        pipe.send(("crash", traceback.format_exc()))
    else:
        pipe.send(("done", plan))
    finally:
        pipe.close()


def mix_in_process(
    request: MixRequest,
    *,
    time_limit: float,
    seed: int | None,
    progress: Progress,
    text: str = "",
) -> MixPlan:
    """`request.run(...)` in a child process. A rule clash raises ServiceError (Dutch), a
    cancel raises Cancelled after the engine stopped, a crash of the child RuntimeError."""
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(request, time_limit, seed, stop, sender), daemon=True
    )
    child.start()
    sender.close()
    deadline = time.monotonic() + time_limit + GRACE_SECONDS
    try:
        while True:
            if progress.cancelled and not stop.is_set():
                stop.set()
                deadline = min(deadline, time.monotonic() + GRACE_SECONDS)
            if receiver.poll(POLL_SECONDS):
                try:
                    kind, value = receiver.recv()
                except EOFError:
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
                raise ServiceError("Het mixen reageerde niet meer en is gestopt.")
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)

"""Writing a file so that it is either complete or not there: never half-written.

    with atomic_write(target) as temporary:
        workbook.save(temporary)

The work writes to a temporary file in the target's folder; only when the block ends
without an error is it flushed to disk and moved over the target in one step. On an
error (a full disk, a cancel, a bug) the temporary file is removed and an existing
target is left exactly as it was.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    try:
        yield temporary
        if not temporary.exists():
            raise FileNotFoundError(f"Er is niets geschreven naar {target}.")
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)

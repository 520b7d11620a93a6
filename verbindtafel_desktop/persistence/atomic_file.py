"""Writing a file all or nothing: into a temporary file beside it, moved into place only
when everything was written and flushed to disk. Exports, settings and backups use it, so a
full disk or a crash halfway leaves the previous file as it was and no half-written one.

    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)

    with atomic_target(path) as temporary:   # for libraries that want a file name
        workbook.save(temporary)
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from verbindtafel_desktop.persistence.storage_errors import from_os_error


def temporary_sibling(target: Path, purpose: str = "partial") -> Path:
    """A hidden file name beside `target` (same folder, so os.replace is atomic)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.{purpose}")


def sync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


@contextmanager
def atomic_target(target: Path, what: str = "het bestand opslaan") -> Iterator[Path]:
    """Yields a temporary path to write; on success it replaces `target`.

    Disk trouble (OSError) becomes a `StorageProblem` in Dutch naming `what` failed; any
    error removes the temporary file and leaves `target` untouched.
    """
    target = Path(target)
    temporary = temporary_sibling(target)
    try:
        yield temporary
        _sync_file(temporary)
        os.replace(temporary, target)
        sync_folder(target.parent)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise from_os_error(error, what, target) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_write(
    target: Path,
    mode: str = "wb",
    *,
    encoding: str | None = None,
    what: str = "het bestand opslaan",
) -> Iterator[IO[Any]]:
    """Yields an open file; what is written replaces `target` only if the block succeeds."""
    with (
        atomic_target(target, what) as temporary,
        temporary.open(mode, encoding=encoding) as handle,
    ):
        yield handle

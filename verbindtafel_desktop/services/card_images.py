"""Reading a picture for an image card, and making its thumbnail once at import.

Uses QtGui's image classes (no widgets, no window), so it runs headless in the services
and in tests. A file that is not a picture, or a picture that is cut off or damaged, is
refused with a Dutch message before anything is stored.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from verbindtafel_desktop.services.errors import ServiceError

MAX_BYTES = 40 * 1024 * 1024
THUMBNAIL_SIZE = 240  # pixels along the longer side


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    title: str
    thumbnail: bytes
    width: int
    height: int


def _cut_off(data: bytes, image_format: str) -> bool:
    """Whether a JPEG or PNG lacks its end (checked before decoding: the decoders would
    show half a picture with only a warning)."""
    if image_format == "jpeg":
        last_scan = data.rfind(b"\xff\xda")
        return last_scan < 0 or data.find(b"\xff\xd9", last_scan) < 0
    if image_format == "png":
        return data.rfind(b"IEND") < 0
    return False


def read_picture(path: Path) -> QImage:
    """The picture in `path`; raises ServiceError (Dutch) when it cannot be used."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ServiceError(
                f"'{name}' is te groot ({size // (1024 * 1024)} MB); "
                f"een kaartafbeelding mag hoogstens {MAX_BYTES // (1024 * 1024)} MB zijn."
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ServiceError(f"'{name}' bestaat niet (meer).") from error
    except IsADirectoryError as error:
        raise ServiceError(f"'{name}' is een map, geen afbeelding.") from error
    except OSError as error:
        raise ServiceError(f"'{name}' kan niet gelezen worden: {error.strerror}.") from error
    if not data:
        raise ServiceError(f"'{name}' is leeg.")
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    image_format = bytes(QImageReader.imageFormat(buffer).data()).decode()
    if not image_format:
        raise ServiceError(
            f"'{name}' is geen afbeelding (of een soort die niet gelezen kan worden). "
            "Gebruik JPG, PNG, GIF of BMP."
        )
    if _cut_off(data, image_format):
        raise ServiceError(f"'{name}' is beschadigd: het bestand houdt halverwege op.")
    reader = QImageReader(buffer, QByteArray(image_format.encode()))
    reader.setAutoTransform(True)  # photos from phones carry their rotation separately
    image = reader.read()
    if image.isNull():
        raise ServiceError(
            f"'{name}' is beschadigd en kan niet gelezen worden ({reader.errorString()})."
        )
    return image


def thumbnail_bytes(image: QImage) -> bytes:
    """A small copy for lists and the session page: JPEG, or PNG when it is transparent."""
    small = image.scaled(
        THUMBNAIL_SIZE,
        THUMBNAIL_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    transparent = small.hasAlphaChannel()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs want bytes for the format; at run time only str is accepted.
    small.save(buffer, "PNG" if transparent else "JPG", -1 if transparent else 85)  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def prepare_image(path: Path) -> PreparedImage:
    image = read_picture(path)
    title = path.stem.replace("_", " ").replace("-", " ").strip()
    return PreparedImage(
        path, title[:1].upper() + title[1:], thumbnail_bytes(image), image.width(), image.height()
    )

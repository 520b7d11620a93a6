"""The app icon: PNGs and a multi-resolution Windows .ico, rendered from the SVG in
resources/icons/.

    uv run python packaging/app_icons.py

The rendered files are committed beside the SVG: the window loads the PNGs at run time and
the PyInstaller spec and the Inno Setup script use the .ico. A test checks that they still
match the SVG.
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICON_DIR / "verbindtafel.svg"
ICO = ICON_DIR / "verbindtafel.ico"
# The sizes Windows asks for: 16/24/32/48 in lists, menus and the task bar (100-200 % scaling),
# 64/128/256 for large icon views and the installer.
SIZES = (16, 24, 32, 48, 64, 128, 256)
# Entries this big are stored as PNG inside the .ico (Windows Vista and later); the smaller ones
# as classic bitmaps, which every Windows tool reads.
PNG_ENTRY_FROM = 256


def png_path(size: int) -> Path:
    return ICON_DIR / f"verbindtafel-{size}.png"


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"PNG")).write(image):
        raise OSError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def bitmap_entry(image: QImage) -> bytes:
    """A 32-bit BMP icon entry: header, bottom-up BGRA rows, then an all-zero AND mask."""
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    row_bytes = width * 4
    # QImage's ARGB32 is 0xAARRGGBB per pixel, which little-endian memory holds as B, G, R, A:
    # exactly the byte order of a 32-bit DIB.
    pixels = bytes(image.constBits())[: row_bytes * height]
    rows = [
        pixels[y * image.bytesPerLine() : y * image.bytesPerLine() + row_bytes]
        for y in range(height)
    ]
    mask_row = bytes(((width + 31) // 32) * 4)
    return header + b"".join(reversed(rows)) + mask_row * height


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico file holding every image (square, at most 256 pixels)."""
    entries = [
        png_bytes(image) if image.width() >= PNG_ENTRY_FROM else bitmap_entry(image)
        for image in images
    ]
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, data in zip(images, entries, strict=True):
        side = image.width() % 256  # 0 means 256 in an icon directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(entries)


def make_icons(svg: Path = SVG) -> list[Path]:
    """Render every PNG and the .ico from the SVG; returns the files written."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = [render(svg, size) for size in SIZES]
    written = []
    for size, image in zip(SIZES, images, strict=True):
        png_path(size).write_bytes(png_bytes(image))
        written.append(png_path(size))
    ICO.write_bytes(ico_bytes(images))
    written.append(ICO)
    return written


if __name__ == "__main__":
    for path in make_icons():
        print(path)

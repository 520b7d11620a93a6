"""Windows version information (Explorer's "Details" tab) for the bundle's executables,
filled from the package version.

Written as PyInstaller's version file (the text form of its VSVersionInfo structure, which
PyInstaller evaluates when it builds on Windows; on other systems it is not used).
"""

import re
from pathlib import Path

PRODUCT = "Verbindtafel"
COMPANY = "De Verbindtafel Rotterdam"
# Dutch (Netherlands) in Unicode: the language the version strings are written in.
LANGUAGE = 0x0413
CODEPAGE = 1200

TEMPLATE = """\
# Windows version information, written by packaging/version_resource.py.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable({table!r}, [
{strings}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [{language}, {codepage}])])
  ]
)
"""


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows keeps: "1.2.3" -> (1, 2, 3, 0); "1.2.0.dev4" -> (1, 2, 0, 0)."""
    match = re.match(r"\d+(?:\.\d+){0,3}", version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = [int(part) for part in match.group().split(".")]
    if any(number > 0xFFFF for number in numbers):
        raise ValueError(f"version {version!r} has a part above 65535")
    padded = (*numbers, 0, 0, 0)[:4]
    return padded[0], padded[1], padded[2], padded[3]


def version_text(version: str, filename: str, description: str) -> str:
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": filename.removesuffix(".exe"),
        "LegalCopyright": f"© {COMPANY}",
        "OriginalFilename": filename,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    return TEMPLATE.format(
        numbers=numeric_version(version),
        table=f"{LANGUAGE:04X}{CODEPAGE:04X}",
        strings=",\n".join(
            f"        StringStruct({key!r}, {value!r})" for key, value in strings.items()
        ),
        language=LANGUAGE,
        codepage=CODEPAGE,
    )


def write_version_file(folder: Path, version: str, filename: str, description: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{filename.removesuffix('.exe')}.txt"
    path.write_text(version_text(version, filename, description), encoding="utf-8")
    return path

"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (BOM or NUL-pattern), then Windows-1252
with a warning. Newlines come out as ``\\n``."""
from __future__ import annotations

import codecs
import warnings

from .errors import BinaryFileError, DecodingError, EmptyFileError, EncodingFallbackWarning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _wide_without_bom(data: bytes) -> str | None:
    """ASCII-heavy UTF-32 has NULs in three bytes of every four, UTF-16 in every other byte;
    which bytes tells the byte order."""
    head = data[:4000]
    quarter = max(len(head) // 4, 1)
    by4 = [head[i::4].count(0) for i in range(4)]
    half = max(len(head) // 2, 1)
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(by4[1:]) > 0.6 * quarter and by4[0] < 0.05 * quarter:
        enc = "utf-32-le"
    elif min(by4[:3]) > 0.6 * quarter and by4[3] < 0.05 * quarter:
        enc = "utf-32-be"
    elif odd > 0.6 * half and even < 0.05 * half:
        enc = "utf-16-le"
    elif even > 0.6 * half and odd < 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, path: str) -> str:
    """Decode a transcript file's bytes, raising a `TranscriptError` that says where and why."""
    if not data.strip():
        raise EmptyFileError(path, None, "the file is empty",
                             "Export the transcript again; this file has no text in it")
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise DecodingError(path, None, f"the file starts with a {enc.upper()} byte-order "
                                    f"mark but byte {e.start} is not valid {enc.upper()}",
                                    "Re-save the file as UTF-8") from None
            break
    if text is None and b"\x00" in data:
        text = _wide_without_bom(data)
        if text is None:
            raise BinaryFileError(path, _line_of(data, data.index(b"\x00")),
                                  "the file holds NUL bytes, so it is binary, not a text transcript",
                                  "Give the transcript export (.txt, .vtt, .srt, .csv or .json), "
                                  "not the recording or a document file")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                line = _line_of(data, utf8_error.start)
                raise DecodingError(path, line, f"byte 0x{data[utf8_error.start]:02x} is neither "
                                    "UTF-8 nor Windows-1252 text",
                                    "Re-save the file as UTF-8 (most editors offer it under "
                                    "'Save as... > Encoding')") from None
            warnings.warn(f"{path}: not valid UTF-8; read as Windows-1252 (cp1252). "
                          "Re-save it as UTF-8 if characters look wrong",
                          EncodingFallbackWarning, stacklevel=2)
    if not text.strip():
        raise EmptyFileError(path, None, "the file holds only whitespace",
                             "Export the transcript again; this file has no text in it")
    return text.replace("\r\n", "\n").replace("\r", "\n")

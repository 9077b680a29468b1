"""Bytes to text: UTF-8 first, then charset detection for GBK/GB18030 pages and files."""

from __future__ import annotations


class NotTextError(ValueError):
    """The input is not a text document we can read (binary, or no encoding fits)."""


# Encodings Chinese government sites actually serve; detection is only trusted among them
# (or plain UTF-8 family), because short GBK text is easily mistaken for Big5 or cp1252.
_CHINESE_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_32")


def decode_bytes(raw: bytes, name: str = "input") -> str:
    """Decode ``raw`` or raise ``NotTextError`` naming ``name``."""
    if not raw.strip():
        raise NotTextError(f"{name}: the file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotTextError(f"{name}: not a text file (binary content)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # Only text that is neither UTF-8 nor GB18030 gets here; charset_normalizer is slow
    # to import, so a process that never meets such a file never loads it.
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(_CHINESE_ENCODINGS)).best()
    if best is None:
        raise NotTextError(f"{name}: not a text file (no encoding fits)")
    return str(best)

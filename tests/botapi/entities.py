"""Telegram's message entities: HTML parse mode and the entities clients add on their own.

Telegram accepts only a handful of HTML tags and reports anything else as
"can't parse entities". Bots usually fail in production exactly there (an unescaped
'<' in a quoted sentence), so the fake is strict: a bare '<', '>' or '&' is rejected too,
although real Telegram lets a stray '>' or '&' through.

Offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

Entity = dict[str, Any]

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
OTHER_TAGS = {"a", "span", "tg-emoji"}
NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")
MENTION = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{5,32}(?!\w)")
BARE_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#[0-9]+|#[xX][0-9a-fA-F]+);)")
URL = re.compile(r"https?://[^\s<>\"]+")


class EntityParseError(ValueError):
    """The text does not parse; the message is Telegram's wording after 'can't parse entities: '."""


def utf16_len(text: str) -> int:
    """Length as the Bot API counts offsets: characters outside the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    """Collects plain text and entities, refusing anything Telegram would refuse."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str, int, Entity | None]] = []
        self.entities: list[Entity] = []

    def byte_offset(self, extra: int = 0) -> int:
        """Telegram reports positions as UTF-8 byte offsets into the original text."""
        line, column = self.getpos()
        index = self.line_starts[line - 1] + column + extra
        return len(self.source[:index].encode())

    def unsupported(self, tag: str) -> EntityParseError:
        offset = self.byte_offset()
        return EntityParseError(f'Unsupported start tag "{tag}" at byte offset {offset}')

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += utf16_len(text)

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            position = data.find(char)
            if position >= 0:
                raise EntityParseError(
                    f'Character "{char}" must be escaped as an HTML entity'
                    f" at byte offset {self.byte_offset(position)}"
                )
        self.emit(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_REFERENCES:
            raise EntityParseError(
                f'Unsupported HTML entity "&{name};" at byte offset {self.byte_offset()}'
            )
        self.emit(NAMED_REFERENCES[name])

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self.emit(chr(code))
        except (ValueError, OverflowError) as error:
            raise EntityParseError(
                f"Invalid character reference at byte offset {self.byte_offset()}"
            ) from error

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SIMPLE_TAGS and tag not in OTHER_TAGS:
            raise self.unsupported(tag)
        self.open.append((tag, self.length, self.entity_for(tag, dict(attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise self.unsupported(tag)

    def entity_for(self, tag: str, attrs: dict[str, str | None]) -> Entity | None:
        """The entity a start tag opens; None when it only adds to its parent (<pre><code>)."""
        if tag == "a":
            return {"type": "text_link", "url": attrs.get("href") or ""}
        if tag == "span":
            if attrs.get("class") != "tg-spoiler":
                raise EntityParseError('Tag "span" must have class "tg-spoiler"')
            return {"type": "spoiler"}
        if tag == "tg-emoji":
            emoji_id = attrs.get("emoji-id")
            if not emoji_id:
                raise EntityParseError('Tag "tg-emoji" must have attribute "emoji-id"')
            return {"type": "custom_emoji", "custom_emoji_id": emoji_id}
        if tag == "blockquote" and "expandable" in attrs:
            return {"type": "expandable_blockquote"}
        language = (attrs.get("class") or "").removeprefix("language-")
        parent = self.open[-1] if self.open else None
        if tag == "code" and parent and parent[0] == "pre" and parent[1] == self.length:
            if language and parent[2] is not None:
                parent[2]["language"] = language
            return None
        return {"type": SIMPLE_TAGS[tag]}

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            raise EntityParseError(f"Unexpected end tag at byte offset {self.byte_offset()}")
        name, start, entity = self.open.pop()
        if name != tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {self.byte_offset()}, expected "</{name}>",'
                f' found "</{tag}>"'
            )
        if entity is not None and self.length > start:
            self.entities.append({**entity, "offset": start, "length": self.length - start})

    def handle_comment(self, data: str) -> None:
        raise self.unsupported("!--")

    def handle_decl(self, decl: str) -> None:
        raise self.unsupported("!")

    def handle_pi(self, data: str) -> None:
        raise self.unsupported("?")

    def unknown_decl(self, data: str) -> None:
        raise self.unsupported("!")


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of a parse_mode=HTML text, or EntityParseError."""
    bare = BARE_AMPERSAND.search(source)
    if bare:
        offset = len(source[: bare.start()].encode())
        raise EntityParseError(f'Character "&" must be escaped as an HTML entity at byte offset'
                               f" {offset}")
    parser = _TelegramHTML(source)
    parser.feed(source)
    parser.close()
    if parser.open:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"'
        )
    return strip_text("".join(parser.parts), parser.entities)


def strip_text(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Telegram trims surrounding whitespace and clips the entities to what is left."""
    head = utf16_len(text) - utf16_len(text.lstrip())
    stripped = text.strip()
    end = utf16_len(stripped)
    clipped = []
    for entity in entities:
        start = max(entity["offset"] - head, 0)
        stop = min(entity["offset"] + entity["length"] - head, end)
        if stop > start:
            clipped.append({**entity, "offset": start, "length": stop - start})
    return stripped, sort_entities(clipped)


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Telegram orders entities by offset, the outer (longer) one first."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def detect_entities(text: str) -> list[Entity]:
    """The entities a Telegram client adds by itself: /commands, @mentions and links."""
    found: list[Entity] = []
    for kind, pattern in (("bot_command", COMMAND), ("mention", MENTION), ("url", URL)):
        for match in pattern.finditer(text):
            found.append(
                {
                    "type": kind,
                    "offset": utf16_len(text[: match.start()]),
                    "length": utf16_len(match.group()),
                }
            )
    return sort_entities(found)

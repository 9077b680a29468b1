"""``bulletin-bot chat``: the Telegram conversation in a terminal, with the same answers.

Questions, follow-ups, /ask, /latest, /search and /help; /quit or Ctrl-D leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot import conversation, texts
from service.presentation import PLAIN

if TYPE_CHECKING:
    from service.engine import Engine

PROMPT = "问> "
QUIT = {"/quit", "/exit", "/q"}


class TerminalChat:
    """One conversation: remembers the previous question, as chat_data does in Telegram."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.previous: str | None = None

    def respond(self, line: str) -> str:
        command, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        if command in ("/help", "/start"):
            return texts.help_text(PLAIN, telegram=False)
        if command == "/latest":
            return "\n".join(conversation.latest(self.engine, PLAIN))
        if command == "/search":
            if not rest:
                return texts.SEARCH_USAGE
            return "\n".join(conversation.search(self.engine, rest, PLAIN))
        if command == "/ask":
            if not rest:
                return texts.ASK_USAGE
            return self.answer(rest)
        if command.startswith("/"):
            return texts.UNKNOWN_COMMAND
        return self.answer(line.strip())

    def answer(self, text: str) -> str:
        self.previous, blocks = conversation.answer(self.engine, self.previous, text, PLAIN)
        return "\n".join(blocks)


def chat(engine: Engine, read: Callable[[str], str] = input,
         write: Callable[[str], None] = print) -> None:
    session = TerminalChat(engine)
    write(texts.START + "\n输入 /quit 或按 Ctrl-D 退出。")
    while True:
        try:
            line = read(PROMPT)
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip() in QUIT:
            break
        if line.strip():
            write(session.respond(line))

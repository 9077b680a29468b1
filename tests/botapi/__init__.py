"""A fake Telegram Bot API server for end-to-end tests of the bot with python-telegram-bot.

Start it with `BotApiServer` (tests.botapi.client) or the `botapi` pytest fixture
(tests.botapi.fixtures); run it by hand with `python -m tests.botapi.server`.
"""

"""The seed bulletins, a package so that they ship inside the wheel.

An empty store is filled from these on first use (``service.seeding`` reads them through
``importlib.resources``), so an installed ``bulletin-bot ask`` answers the README's
question wherever the package lives.
"""

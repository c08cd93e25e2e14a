"""Validate cases without pydantic plugins.

Pydantic hands every validation to any "plugin" an installed package declares (entry point group
``pydantic``); observability plugins record what they see and send it to a server. A case file
holds personal data of a live investigation and must not leave the machine, so the case model
runs with none, through pydantic's documented switch, ``PYDANTIC_DISABLE_PLUGINS=__all__``.

Pydantic reads the switch each time it builds a validator, so it is set here, on import of the
model and before any of its validators is built; it then holds for the whole process (a program
that embeds mla-writer gets no plugins either), whatever value it had.
"""

from __future__ import annotations

import os

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

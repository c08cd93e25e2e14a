"""Import every theme module so that its rules register. Add new theme modules here."""

from . import (  # noqa: F401
    channel,
    completeness,
    emergency,
    identifiers,
    language,
    legal,
    nexus,
    practice,
    preservation,
    provider,
    status,
    substance,
    treaties,
)

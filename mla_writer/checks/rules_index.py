"""Import every theme module so that its rules register. Add new theme modules here."""

from . import completeness, identifiers, preservation  # noqa: F401

"""Widgets the wizard's screens are built from."""

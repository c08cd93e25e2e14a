"""The wizard's start-up and Python's cyclic garbage collector."""

from __future__ import annotations


def resume_collector() -> None:
    """Turn the cyclic garbage collector back on if the command line paused it for start-up.

    `mla-writer wizard` pauses it before loading: Textual, the model and the case are objects
    that live as long as the wizard, and each collection while they are built and while the
    first screen is laid out would scan them all again (about 4% of the time to the first
    screen). Once the first step is shown they are frozen out of its sight (gc.freeze) and the
    collector runs as usual on what the wizard creates from then on.
    """
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()

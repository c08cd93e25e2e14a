"""Translators in the loop: every free text of a case out to a CAT tool and back (XLIFF 1.2), and
a translation memory across cases (TMX 1.4).

What the wizard and the command line call:

- :func:`units.pending_counts` — texts still awaiting a translation, per document language;
- :func:`units.translatable` — those texts (or all of them) with their case path, label and context;
- :func:`xliff.export_xliff` / :func:`importing.import_xliff` — the round trip through a file;
- :func:`memory.memory_suggestion` / :func:`memory.suggestions` — translations approved before,
  offered again for the same source text.

The texts are found by walking the validated case for every ``Text`` value, so a field the model
turns into free text later is picked up without a change here.
"""

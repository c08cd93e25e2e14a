"""The investigator's wizard: a Textual face over model, store, checks and render."""

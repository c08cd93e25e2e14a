"""The wizard's screens: the step form, the review panel and small dialogs."""

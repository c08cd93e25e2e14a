"""mla-writer: draft complete, bilingual requests for cross-border electronic evidence."""

__version__ = "0.1.0"

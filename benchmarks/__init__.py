"""Benchmarks for mla-writer: `python -m benchmarks [--quick] [--output FILE]`.

The yardstick is the floor: python-docx alone writing the same text into a two-column table,
which is the least any tool that makes this kind of Word document must spend. mla-writer adds
validation, checks, templates and two languages on top; the goals bound what that may cost.

Nothing is imported here, so `python -m benchmarks.floor` starts as light as the floor should.
"""

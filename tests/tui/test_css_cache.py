"""Textual's parsed CSS, kept between starts: a second start parses nothing and looks the same."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import textual.css.stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from mla_writer.resources import cache_dir
from mla_writer.tui import css_cache

from .conftest import example_app


@pytest.fixture
def parses(tmp_path, monkeypatch) -> Iterator[list[str]]:
    """A fresh cache folder, and the CSS Textual's parser is given from now on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache_dir.cache_clear()  # it remembers the folder of the first call
    assert css_cache.install()
    seen: list[str] = []
    real = stylesheet_module.parse

    def parse(scope, css, *args, **kwargs):
        seen.append(css)
        return real(scope, css, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", parse)
    yield seen
    cache_dir.cache_clear()


def _plain(rule) -> tuple:
    """A rule as comparable data (a layout is an object without equality; sets print in any order)."""
    styles = rule.styles
    return (repr(rule.selector_set), sorted((k, repr(v)) for k, v in styles.get_rules().items()),
            sorted(styles.important), rule.errors, rule.is_default_rules, rule.tie_breaker,
            sorted(rule.selector_names), sorted(rule.pseudo_classes))


def _start(tmp_path, name: str, theme: str = "textual-dark") -> tuple[list, str]:
    """The rules of the app's whole stylesheet and a picture of its first screen."""
    async def run() -> tuple[list, str]:
        app = example_app(tmp_path / name, theme=theme)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return [_plain(rule) for rule in app.stylesheet.rules], app.export_screenshot()

    return asyncio.run(run())


def _entries(tmp_path):
    return sorted((tmp_path / "cache" / "mla-writer" / css_cache.FOLDER).glob("*.pickle"))


def test_a_second_start_parses_no_css_and_looks_the_same(tmp_path, parses):
    css, picture = _start(tmp_path, "first")
    assert parses and any("field-editor" in text for text in parses)  # ours, and Textual's
    assert _entries(tmp_path)
    parses.clear()
    again_css, again_picture = _start(tmp_path, "second")
    assert parses == []
    assert again_css == css
    assert again_picture.replace("second", "first") == picture


def test_another_theme_is_parsed_with_its_own_colours(tmp_path, parses):
    dark, _ = _start(tmp_path, "dark")
    parses.clear()
    light, _ = _start(tmp_path, "light", theme="textual-light")
    assert parses  # the light theme's variables were not in the cache yet
    assert light != dark


def test_a_damaged_entry_is_parsed_again(tmp_path, parses):
    css, _ = _start(tmp_path, "first")
    for entry in _entries(tmp_path):
        entry.write_bytes(b"not a pickle")
    parses.clear()
    again_css, _ = _start(tmp_path, "second")
    assert parses and again_css == css


def test_css_with_errors_is_reported_as_textual_reports_it_and_never_stored(tmp_path, parses):
    for _ in range(2):
        sheet = Stylesheet(variables={"primary": "#004578"})
        sheet.add_source("Label { colr: red; }", read_from=("broken.tcss", ""))
        with pytest.raises(StylesheetParseError):
            sheet.parse()
    assert len(parses) == 2 and _entries(tmp_path) == []

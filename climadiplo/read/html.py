"""Reduce an HTML page to its article text with trafilatura (a real extractor, not regexes)."""

from __future__ import annotations

from dataclasses import dataclass

from climadiplo.errors import InputError


@dataclass(frozen=True)
class ExtractedArticle:
    """Article text (paragraphs separated by blank lines) and the metadata the page declares."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None = None  # the site's name (og:site_name, publisher), as the catalogue's outlet


def extract_article(html: str, source: str) -> ExtractedArticle:
    """Return the main text and metadata of an HTML page, or fail naming the source."""
    import trafilatura  # imported lazily: it is slow to import and only HTML input needs it

    # No extensive date search: it guesses a date from any year on the page, so a "Copyright 2026" footer became a
    # publication date of 2026-01-01; the page's metadata, <time> elements and dated bylines are still read.
    result = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in this HTML page")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return ExtractedArticle(
        text="\n\n".join(paragraphs),
        title=getattr(result, "title", None) or None,
        author=getattr(result, "author", None) or None,
        published=getattr(result, "date", None) or None,
        outlet=getattr(result, "sitename", None) or None,
    )

"""Why a page gave no article: ExtractionError and its reasons."""

from __future__ import annotations

# Reasons of the page itself: it will say the same next time, so it is not fetched again.
EMPTY_PAGE = "empty page"
NO_TEXT = "no article text"
NO_TITLE = "no title"
TOO_LARGE = "too_large"  # over the size budget: archived, not parsed
TOO_DEEP = "too deep"  # nested past the parser's depth limit: the text below it would be lost
# An error of the extractor's on this page (a bug to fix): the page is tried again a few times.
UNREADABLE = "unreadable page"


class ExtractionError(Exception):
    """The page holds no article; `reason` says why (one of the reasons above), `detail` the specifics."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def lasting(self) -> bool:
        """Whether the page itself is the cause, so fetching it again gives the same answer."""
        return self.reason != UNREADABLE

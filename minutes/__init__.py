"""The application people run: the Textual TUI and the `minutes` command line."""

from tracker import __version__

__all__ = ["__version__"]

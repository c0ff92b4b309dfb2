"""What every document writer shares: progress, cancelling, and writing the PDF atomically."""
from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ccschool import errors
from ccschool.fileio import atomic_path
from ccschool.printing.fonts import font_chain
from ccschool.switching import give_way

ProgressFn = Callable[[int, int], None]  # (done, total)
CancelFn = Callable[[], bool]  # True: stop now


class Cancelled(errors.Cancelled):
    """The user cancelled a print run; no file was written."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("已取消打印，未生成文件", "Printing cancelled; no file was written")


class Job:
    """Reports progress and honours Cancel between items (a card, a certificate, a page)."""

    def __init__(self, total: int, progress: ProgressFn | None = None,
                 cancel: CancelFn | None = None):
        self.total = total
        self._progress = progress
        self._cancel = cancel

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled()

    def step(self, done: int) -> None:
        """Call after item `done` (1-based) is drawn."""
        give_way()  # a scan at the desk meanwhile runs alone (ccschool.switching)
        if self._progress is not None:
            self._progress(done, self.total)
        self.check()


@contextlib.contextmanager
def pdf_canvas(out: str | Path, pagesize: tuple[float, float], *, title: str,
               author: str = "ccschool"):
    """A reportlab Canvas writing to a temporary file that replaces `out` only on success.

    An exception inside the block (Cancelled included) leaves `out` as it was.
    """
    with atomic_path(out) as tmp:
        canvas = make_canvas(str(tmp), pagesize=pagesize)
        canvas.setTitle(title)
        canvas.setAuthor(author)
        yield canvas
        canvas.save()


def make_canvas(filename, **kw) -> Canvas:
    """A compressed Canvas whose initial font is ours, so no unembedded Helvetica is named.

    Also the `canvasmaker` for platypus documents.
    """
    if not kw.get("pageCompression"):
        kw["pageCompression"] = 1
    kw["initialFontName"] = font_chain().primary
    canvas = Canvas(filename, **kw)
    canvas.setCreator("ccschool")
    return canvas

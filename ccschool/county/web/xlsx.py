"""A table as an .xlsx response, through the one writer (formula-escaped, numbers as numbers)."""
from __future__ import annotations

import io
from urllib.parse import quote

from fastapi.responses import Response

from ccschool.exports.table import build_workbook

MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response(filename: str, title: str, headers: list[str], rows: list[list]) -> Response:
    wb, _n = build_workbook(title=title, headers=headers, rows=rows)
    buf = io.BytesIO()
    wb.save(buf)
    return Response(buf.getvalue(), media_type=MEDIA, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store"})

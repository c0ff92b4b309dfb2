"""A table as an .xlsx response, through the one writer (formula-escaped, numbers as numbers)."""
from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

from ccschool.exports.table import table_bytes

MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response(filename: str, title: str, headers: list[str], rows: list[list]) -> Response:
    data, _n = table_bytes(title=title, headers=headers, rows=rows)
    return Response(data, media_type=MEDIA, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store"})

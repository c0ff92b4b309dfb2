"""A bar chart drawn on the server as SVG: no script, no chart library, nothing from a CDN."""
from __future__ import annotations

from html import escape


def bars(points: list[tuple[str, float]], *, width: int = 620, height: int = 220,
         title: str = "") -> str:
    if not points:
        return ""
    left, bottom, top = 48, 30, 22
    plot_h = height - bottom - top
    top_value = max(v for _k, v in points) or 1
    step = (width - left - 10) / len(points)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="{left}" y="14" font-size="12" fill="#333">{escape(title)}</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" '
             f'stroke="#888"/>']
    for i in range(5):
        value = top_value * i / 4
        y = height - bottom - plot_h * i / 4
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
                     f'fill="#666">{value:,.0f}</text>')
    for i, (label, value) in enumerate(points):
        h = plot_h * value / top_value
        x = left + i * step + step * 0.15
        parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" '
                     f'height="{h:.1f}" fill="#3a78c2"><title>{escape(label)}: {value:,.0f}'
                     f'</title></rect>')
        parts.append(f'<text x="{x + step * 0.35:.1f}" y="{height - bottom + 14}" '
                     f'font-size="10" text-anchor="middle" fill="#333">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)

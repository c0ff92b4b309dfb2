"""The receiver's front page: sites, their last batch and monthly totals, as plain HTML."""
from __future__ import annotations

from html import escape

_STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.3em .6em}
th{background:#eef}.ok{color:#060}.wait{color:#a60}"""


def render(sites: list[dict]) -> str:
    body = "".join(_site(s) for s in sites) or "<p>尚无站点 / No sites registered yet.</p>"
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>县社区教育数据接收 / County receiver</title><style>{_STYLE}</style></head>"
            f"<body><h1>县社区教育数据接收 / County receiver</h1>{body}</body></html>")


def _site(s: dict) -> str:
    last = s["last_batch"]
    if last:
        cls = "ok" if last["state"] == "complete" else "wait"
        state = (f"<span class='{cls}'>{escape(last['period'])} · {escape(last['state'])} · "
                 f"{len(last['chunks_received'])}/{last['chunks']} · {escape(last['last_at'])}</span>")
    else:
        state = "—"
    rows = "".join(
        f"<tr><td>{escape(m['period'])}</td><td>{m['records']}</td><td>{m['rejected']}</td>"
        f"<td>{m['person_times']}</td><td>{m['persons']}</td><td>{m['learner_hours']:g}</td>"
        f"<td>{m['volunteer_hours']:g}</td></tr>" for m in s["months"])
    return (f"<h2>{escape(s['code'])} {escape(s['name'])}</h2>"
            f"<p>最近批次 / Last batch: {state}</p>"
            "<table><tr><th>月份 Month</th><th>记录 Records</th><th>拒收 Rejected</th>"
            "<th>人次 Person-times</th><th>人数 Persons</th><th>学时 Learner-hours</th>"
            f"<th>志愿服务时长 Volunteer hours</th></tr>{rows}</table>")

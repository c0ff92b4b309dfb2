"""The headline figures as (label, value, kind) rows, and as plain text for the terminal."""
from __future__ import annotations

import unicodedata

from ccschool.i18n import L


def fmt(value, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "pct":
        return f"{value * 100:.1f}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


def summary_lines(r: dict) -> list[tuple[str, object, str]]:
    """(label, value, kind) of the headline figures, shared by the text, Excel and PDF.

    kind is "int", "num" or "pct", so Excel can keep numbers as numbers.
    """
    sat, part = r["satisfaction"], r["participation"]
    return [
        (L("开课次数", "Sessions held"), r["sessions_held"], "int"),
        (L("停课次数", "Sessions cancelled"), r["sessions_cancelled"], "int"),
        (L("培训人次", "Person-times"), r["person_times"], "int"),
        (L("其中线上人次", "  online"), r["online_person_times"], "int"),
        (L("其中线下人次", "  offline"), r["offline_person_times"], "int"),
        (L("参训人数", "Distinct learners"), r["distinct_learners"], "int"),
        (L("新增学员", "New learners"), r["new_learners"], "int"),
        (L("学员学时合计", "Learner-hours"), r["learner_hours"], "num"),
        (L("折合小时", "In clock hours"), r["learner_clock_hours"], "num"),
        (L("折合学分", "Credits"), r["credits"], "num"),
        (L("志愿者人数", "Volunteers"), r["volunteers"]["count"], "int"),
        (L("志愿服务时长（小时）", "Volunteer service hours"), r["volunteers"]["service_hours"],
         "num"),
        (L("颁发结业证书", "Certificates issued"), r["certificates_issued"], "int"),
        (L("满意度测评人数", "Satisfaction responses"), sat["responses"], "int"),
        (L("满意度平均分（5分制）", "Average satisfaction (of 5)"), sat["average"], "num"),
        (L("满意率", "Satisfied"), sat["satisfied_rate"], "pct"),
        (L("参与率", "Participation rate"), part["site"]["rate"], "pct"),
        (L("参与率目标", "Participation target"), part["target"], "pct"),
    ]


def width(text: str) -> int:
    """Display width in a terminal: Chinese characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def summary_text(r: dict) -> str:
    site = r.get("site", {})
    head = L("{name} 统计报表 {label}", "{name} statistics {label}", name=site.get("name", ""),
             label=r["period"]["label"])
    lines = summary_lines(r)
    pad = max(width(label) for label, _v, _k in lines)
    body = [f"  {label}{' ' * (pad - width(label))}  {fmt(value, kind)}"
            for label, value, kind in lines]
    return "\n".join([head, *body])

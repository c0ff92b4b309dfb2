"""Every dashboard table as (title, headers, rows): the page shows them, the export writes them.

One definition per table, so what a person sees and what they export cannot drift apart.
"""
from __future__ import annotations

from ccschool.county.web.figures import AGE_BANDS

LEVEL_NAMES = {"<18": ("18岁以下", "under 18"), "18-59": ("18–59岁", "18–59"),
               "60-69": ("60–69岁", "60–69"), "70+": ("70岁及以上", "70 and over"),
               "unknown": ("未知", "unknown")}
LEVEL_ZH = {"township": ("乡镇(街道)社区教育学校", "township school"),
            "village": ("村(社区)学习点", "village point")}


def _pct(x):
    return None if x is None else round(x * 100, 1)


def build(d: dict, t) -> dict[str, tuple[str, list[str], list[list]]]:
    """t(zh, en) picks the language."""
    site_headers = [t("站点代码", "Site code"), t("站点", "Site"), t("层级", "Level"),
                    t("开课次数", "Sessions held"), t("培训人次", "Person-times"),
                    t("线上人次", "Online"), t("线下人次", "Offline"), t("参训人数", "Learners"),
                    t("学时", "Learner hours"), t("志愿者人数", "Volunteers"),
                    t("志愿服务时长", "Volunteer hours"), t("满意", "Satisfied"),
                    t("基本满意", "Basically satisfied"), t("不满意", "Dissatisfied"),
                    t("常住人口", "Population"), t("参与率(%)", "Participation (%)")]

    def site_row(r, code, name, level):
        return [code, name, level, r["sessions"], r["person_times"], r["online"], r["offline"],
                r["persons"], round(r["hours"], 2), r["volunteers"],
                round(r["volunteer_hours"], 2), r["satisfied"], r["basic"], r["dissatisfied"],
                r["population"], _pct(r["rate"])]

    sites = [site_row(r, r["code"], r["name"], t(*LEVEL_ZH[r["level"]]) if r["level"] else "")
             for r in d["sites"]]
    sites.append(site_row(d["total"], t("合计", "Total"), "", ""))
    return {
        "sites": (t("各站点统计", "Figures by site"), site_headers, sites),
        "theme": (t("按课程主题", "By course theme"),
                  [t("主题", "Theme"), t("培训人次", "Person-times"), t("学时", "Learner hours")],
                  [[k, v["person_times"], v["hours"]] for k, v in d["by_theme"].items()]),
        "group": (t("按重点人群", "By target group"),
                  [t("人群", "Target group"), t("参训人数", "Learners"),
                   t("培训人次", "Person-times")],
                  [[k, v[0], v[1]] for k, v in d["by_group"].items()]),
        "age": (t("按年龄段", "By age band"),
                [t("年龄段", "Age band"), t("参训人数", "Learners"), t("培训人次", "Person-times")],
                [[t(*LEVEL_NAMES[b]), *d["by_age"][b]] for b in AGE_BANDS]),
        "trend": (t("按月趋势", "Monthly trend"),
                  [t("月份", "Month"), t("培训人次", "Person-times"), t("学时", "Learner hours")],
                  [[m, n, round(h, 2)] for m, n, h in d["trend"]]),
        "missing": (t("{m} 未上传的站点", "Sites without an upload for {m}").replace(
                        "{m}", d["last_closed"]),
                    [t("站点代码", "Site code"), t("站点", "Site")],
                    [[s["code"], s["name"]] for s in d["not_uploaded"]]),
    }

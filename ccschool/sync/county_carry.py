"""The county's rules and teacher list carried from device to device (USB bundle, LAN).

A laptop that never reaches the county still gets them from a sibling: every sync bundle starts
with up to two entries, `county_rules` and `county_teachers`, inside the encrypted segments
(the teacher list holds names and phones, so never in the clear header). The reader checks
each in full with the same rules as a county answer and keeps it only when it is newer than
what it holds (rules: latest effective date, then county version; teachers: the county's
revision), so a bundle carrying older rules never replaces newer ones (PROTOCOL.md).
"""
from __future__ import annotations

from ccschool import settings
from ccschool.sync import county_rules, county_teachers

RULES, TEACHERS = "county_rules", "county_teachers"
KINDS = (RULES, TEACHERS)


def entries(s) -> list[dict]:
    """What this device holds from the county, as bundle entries (none if nothing yet)."""
    out = []
    versions = settings.get(s, "county_rules").get("versions")
    if versions:
        out.append({"kind": RULES, "id": RULES, "version": 0, "data": {"versions": versions}})
    teachers = county_teachers.held(s)
    if teachers["revision"] >= 0:
        out.append({"kind": TEACHERS, "id": TEACHERS, "version": 0, "data": teachers})
    return out


def split(part: list) -> tuple[list[dict], list]:
    """(the county entries, the records) of one bundle segment."""
    mine = [r for r in part if isinstance(r, dict) and r.get("kind") in KINDS]
    return mine, [r for r in part if not (isinstance(r, dict) and r.get("kind") in KINDS)]


def apply(s, carried: list[dict], outcome: dict) -> None:
    """Adopt each carried entry that is newer, in the caller's transaction; a bad one raises
    (the whole bundle is refused before any of its records is written: they come first)."""
    for entry in carried:
        data = entry.get("data")
        if entry["kind"] == RULES:
            outcome["rules"] = county_rules.adopt(s, data) or outcome.get("rules", False)
        else:
            outcome["teachers"] = county_teachers.adopt(s, data) or outcome.get("teachers",
                                                                                  False)

"""Finding learners fast at 100,000: by name, pinyin initials or full pinyin, card or phone.

Each kind of query is its own indexed SELECT (prefix LIKE on the COLLATE NOCASE indexes,
equality on card number and phone tail, the per-character table for Chinese substrings),
UNIONed: an OR across tables would make SQLite scan the whole join. Results come in
registration order (rowid).
"""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import text
from sqlmodel import Session


def normalise_query(raw: str) -> str:
    """Full-width letters and digits from a Chinese input method become ASCII; spaces go."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or ""))


def _like_prefix(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_ids(session: Session, query: str, *, limit: int | None = None) -> list[str]:
    """Ids of live learners matching query, oldest registration first; all if query is empty."""
    q = normalise_query(query)
    conn = session.connection()
    lim = f" LIMIT {int(limit)}" if limit else ""
    if not q:
        sql = f"SELECT id FROM learner WHERE deleted_at IS NULL ORDER BY rowid{lim}"
        return [r[0] for r in conn.exec_driver_sql(sql)]
    prefix = conn.exec_driver_sql("SELECT card_prefix FROM site LIMIT 1").scalar() or ""
    people, cards, params = _conditions(q, prefix)
    sql = (f"SELECT l.id FROM learner l WHERE l.deleted_at IS NULL AND ("
           f"l.person_id IN (SELECT id FROM person WHERE deleted_at IS NULL AND id IN ("
           f"{' UNION '.join(people)})) OR l.card_no IN ({', '.join(cards)})) ORDER BY l.rowid{lim}")
    return [r[0] for r in conn.execute(text(sql), params)]


def _substring(q: str, params: dict) -> str:
    """三 finds 张三: persons having every character of q (person_name_char, kept by triggers),
    then instr() on those few candidates only, never a scan of all names."""
    chars = list(dict.fromkeys(q))[:4]
    picks = " INTERSECT ".join(f"SELECT person_id FROM person_name_char WHERE ch = :ch{i}"
                               for i in range(len(chars)))
    params.update({f"ch{i}": c for i, c in enumerate(chars)})
    if len(q) == 1:
        return picks  # one character: the index answers exactly, no need to read names
    return f"SELECT id FROM person WHERE id IN ({picks}) AND instr(name, :q) > 0"


def _conditions(q: str, prefix: str) -> tuple[list[str], list[str], dict]:
    """(person-id SELECTs, card-number values) for everything the query could be."""
    people = ["SELECT id FROM person WHERE name LIKE :prefix ESCAPE '\\'"]
    cards = [":card"]
    params = {"card": q.upper(), "prefix": _like_prefix(q), "q": q}
    if not q.isascii():
        people = [_substring(q, params)]  # covers the prefix case too, from a narrower index
    elif q.isdigit():
        if len(q) == 4:
            people.append("SELECT id FROM person WHERE phone_tail = :q")
        if len(q) == 11:
            people.append("SELECT id FROM person WHERE phone_tail = :tail AND phone = :q")
            params["tail"] = q[-4:]
        cards.append(":card_digits")  # only the digits printed under the QR code
        params["card_digits"] = prefix + q.zfill(6)
    elif q.isalpha():
        people += ["SELECT id FROM person WHERE pinyin_initials LIKE :lprefix ESCAPE '\\'",
                   "SELECT id FROM person WHERE pinyin_full LIKE :lprefix ESCAPE '\\'"]
        params["lprefix"] = _like_prefix(q.lower())
    return people, cards, params

"""Done-when of the printing issue: every printed card, scanned off the paper, signs in."""
from __future__ import annotations

import datetime as dt

from ccschool.services import printing as svc
from ccschool.services.attendance import checkin
from tests.printing.conftest import decode, render


def test_each_decoded_card_signs_in_once(db, school, tmp_path, out_dir):
    pdf = tmp_path / "cards.pdf"
    svc.print_cards(db, actor="admin", selection=svc.CardSelection(class_id=school.class_id),
                    out=pdf)
    payloads = sum((decode(p) for p in render(pdf, out_dir)), [])
    assert len(payloads) == len(school.cards)
    # 14:00 local time on the day of the planned session (China is UTC+8).
    now = dt.datetime(2024, 5, 10, 6, 0, tzinfo=dt.timezone.utc)
    for payload in payloads:
        with db.transaction(actor="admin") as s:
            result = checkin.check_in(s, session_id=school.planned_session_id, payload=payload,
                                      now=now)
        assert result.signed_in, result.message
        assert result.card_no in school.cards.values()
    with db.transaction(actor="admin") as s:
        again = checkin.check_in(s, session_id=school.planned_session_id, payload=payloads[0],
                                 now=now)
    assert again.outcome == "duplicate"

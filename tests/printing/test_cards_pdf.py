"""Learning cards as the learner gets them: printed, cut, and scanned at the door."""
from __future__ import annotations

import pytest
from ccschool.services.cards import card_payload, parse_payload
from ccschool.printing import Cancelled, CardData, write_cards
from tests.printing.conftest import (RARE_NAMES, SECRET, SITE, assert_cjk_embedded, decode,
                                     page_sizes, pdf_text, render)

NAMES = ["张三", "欧阳娜娜", "艾合买提·买买提", "王小明", "Li Lei", "单志强", "曾国", "赵钱孙李周吴郑王",
         *RARE_NAMES, "刘一", "陈二"]


def make_cards(names=NAMES, valid_until=None) -> list[CardData]:
    return [CardData("测试镇社区学校", name, f"T{i:06d}", card_payload(SECRET, SITE, f"T{i:06d}"),
                     valid_until) for i, name in enumerate(names)]


def test_ten_per_sheet_every_qr_scans(tmp_path, out_dir):
    cards = make_cards()
    pdf = tmp_path / "cards.pdf"
    assert write_cards(cards, pdf) == 2
    assert page_sizes(pdf) == [(210.0, 297.0)] * 2  # A4
    pages = render(pdf, out_dir)
    found = [decode(p) for p in pages]
    assert [len(f) for f in found] == [10, 2]
    assert sorted(sum(found, [])) == sorted(c.payload for c in cards)
    for text in sum(found, []):
        assert parse_payload(text).verify(SECRET)


def test_names_extract_as_text_and_font_is_embedded(tmp_path):
    pdf = tmp_path / "cards.pdf"
    write_cards(make_cards(valid_until="2026年12月31日"), pdf)
    text = pdf_text(pdf)
    for name in NAMES:
        assert name in text, name
    assert "T000008" in text and "2026年12月31日" in text
    assert_cjk_embedded(pdf)


def test_one_per_page_for_card_printers(tmp_path, out_dir):
    cards = make_cards(NAMES[:3])
    pdf = tmp_path / "pvc.pdf"
    assert write_cards(cards, pdf, per_page=1) == 3
    assert page_sizes(pdf) == [(85.6, 54.0)] * 3
    assert [decode(p) for p in render(pdf, out_dir)] == [[c.payload] for c in cards]


def test_reissued_card_prints_only_the_new_number(tmp_path, out_dir):
    new = CardData("测试镇社区学校", "张三", "T000099", card_payload(SECRET, SITE, "T000099"))
    pdf = tmp_path / "reissue.pdf"
    write_cards([new], pdf)
    assert decode(render(pdf, out_dir)[0]) == [new.payload]
    assert "T000099" in pdf_text(pdf)


def test_progress_counts_every_card(tmp_path):
    seen = []
    write_cards(make_cards(), tmp_path / "c.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, len(NAMES)) for i in range(1, len(NAMES) + 1)]


@pytest.mark.parametrize("per_page", [10, 1])
def test_cancel_writes_no_file_and_keeps_the_old_one(tmp_path, per_page):
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(b"previous print")
    done = []
    with pytest.raises(Cancelled):
        write_cards(make_cards(), pdf, per_page=per_page,
                    progress=lambda d, t: done.append(d), cancel=lambda: len(done) >= 5)
    assert pdf.read_bytes() == b"previous print"
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]  # no temporary left over


def test_cancel_before_start_creates_nothing(tmp_path):
    with pytest.raises(Cancelled) as err:
        write_cards(make_cards(), tmp_path / "new.pdf", cancel=lambda: True)
    assert not (tmp_path / "new.pdf").exists()
    assert "取消" in str(err.value)

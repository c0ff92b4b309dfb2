"""Domain errors carry both languages and name the row and field."""
from ccschool import i18n
from ccschool.errors import ValidationError


def test_row_appears_in_the_message_in_both_languages():
    err = ValidationError("第{row}行 身份证号：校验位错误", "Row {row} ID number: check digit is wrong",
                          row=17, field="id_number")
    assert str(err) == "第17行 身份证号：校验位错误"
    i18n.set_language("en")
    try:
        assert str(err) == "Row 17 ID number: check digit is wrong"
    finally:
        i18n.set_language("zh_CN")
    assert err.as_dict() == {"code": "invalid", "message": "第17行 身份证号：校验位错误",
                             "field": "id_number", "row": 17}

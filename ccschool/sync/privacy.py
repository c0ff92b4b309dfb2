"""What of a record may leave the laptop (DESIGN.md: personal data only with consent).

Applied once, when a month is closed: the batch then holds exactly what the county gets, so a
re-sent chunk is byte-identical and the outbox keeps no unmasked ID number after the close.
"""
from __future__ import annotations

from ccschool.idcard import mask_id

# Person columns that identify someone. Without consent none of them leaves; pinyin keys and
# staff notes never do (search helpers and internal remarks, not county data).
PERSONAL = ("name", "gender", "birth_date", "phone", "phone_tail", "id_number", "village")
NEVER = {
    "person": ("notes", "pinyin_initials", "pinyin_full"),
    # The card secret, upload token and key stay here; the county knows the site by its code.
    "site": ("secret", "upload_token", "county_public_key", "county_url", "card_prefix"),
}
ENVELOPE_FIELDS = ("id", "version")  # carried in the record envelope, not repeated in data


def wire_data(kind: str, payload: dict, *, requires_id: bool) -> dict:
    """The record's data as sent: filtered by consent, ID masked unless the county needs it."""
    data = {k: v for k, v in payload.items()
            if k not in ENVELOPE_FIELDS and k not in NEVER.get(kind, ())}
    if kind == "person":
        _filter_person(data, requires_id=requires_id)
    return data


def _filter_person(data: dict, *, requires_id: bool) -> None:
    if not data.get("consent_upload") or data.get("erased_at"):
        for key in PERSONAL:
            data.pop(key, None)
        return
    if data.get("id_number") and not requires_id:
        data["id_number"] = mask_id(data["id_number"])

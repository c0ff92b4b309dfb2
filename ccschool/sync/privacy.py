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


# Learner columns that say something personal (残疾人, 留守妇女...): sent only with consent.
LEARNER_PERSONAL = ("target_groups",)


def wire_data(kind: str, payload: dict, *, requires_id: bool,
              consented: bool | None = None) -> dict:
    """The record's data as sent: filtered by consent, ID masked unless the county needs it.

    consented is the learner's person's consent, for kind "learner" (the payload holds only
    the person's id)."""
    data = {k: v for k, v in payload.items()
            if k not in ENVELOPE_FIELDS and k not in NEVER.get(kind, ())}
    if kind == "person":
        _filter_person(data, requires_id=requires_id)
    elif kind == "learner" and not consented:
        for key in LEARNER_PERSONAL:
            data.pop(key, None)
    return data


def strip_personal(kind: str, data: dict) -> dict:
    """A sealed record's data as if its person had never consented (after an erasure)."""
    drop = PERSONAL if kind == "person" else LEARNER_PERSONAL if kind == "learner" else ()
    return {k: v for k, v in data.items() if k not in drop}


def _filter_person(data: dict, *, requires_id: bool) -> None:
    if not data.get("consent_upload") or data.get("erased_at"):
        for key in PERSONAL:
            data.pop(key, None)
        return
    if data.get("id_number") and not requires_id:
        data["id_number"] = mask_id(data["id_number"])

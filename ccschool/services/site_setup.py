"""Setting up a new site on an empty data folder: the first-run wizard and `ccschool init`.

The site, its first venue and the first admin account are written in the caller's one
transaction, so a refusal of the last of them leaves the database exactly as empty as before.
The county address is checked as `ccschool sync setup` checks it.
"""
from __future__ import annotations

from sqlmodel import Session

from ccschool.errors import ValidationError
from ccschool.models import Site
from ccschool.services import site as site_svc
from ccschool.services import staff, venues
from ccschool.sync.setup import check_url


def set_up_site(session: Session, *, code: str, name: str, level: str = "township",
                county_url: str | None = None, upload_token: str | None = None,
                venue_name: str | None = None, venue_address: str | None = None,
                admin_name: str | None = None, admin_password: str | None = None) -> Site:
    """A new site. `venue_name` and `admin_name` left as None are not set up now (the command
    line adds them later); given, they must be filled in. Raises CCSError with the field."""
    if venue_name is not None and not venue_name.strip():
        raise ValidationError("请填写至少一个上课场地", "Enter at least one venue",
                              field="venue_name")
    url = (county_url or "").strip()
    site = site_svc.init_site(session, code=code, name=name, level=level,
                              county_url=check_url(url) if url else None,
                              upload_token=(upload_token or "").strip() or None)
    if venue_name is not None:
        venues.add_venue(session, name=venue_name, address=venue_address)
    if admin_name is not None:
        staff.create_user(session, name=admin_name, password=admin_password or "", role="admin")
    return site

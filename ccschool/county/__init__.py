"""Reference county receiver (`ccschool-county`): for counties without a platform of their own,
and the real HTTP peer every sync test runs against. Its tables are its own, not the site's."""

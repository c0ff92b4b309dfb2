"""Upload to the county: outbox batching, chunked idempotent upload, USB batch files.

Submodules `wire` and `batchfile` depend on nothing but the standard library and
`cryptography`, so the county receiver can share them without the site's database models.
"""

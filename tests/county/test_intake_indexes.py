"""The indexes the receiver writes with every record: none that no read needs.

On PostgreSQL the pages' (kind, day) index leaves attendance out (no page reads attendance
by kind; keeping its rows cost the receiver a tenth of each chunk): a county from before gets
the new index in place of its full one, and a page's read of one other kind still finds it.
"""
from __future__ import annotations

from ccschool.county.web import tables

ONE_KIND = "SELECT record_id FROM record_current WHERE kind = 'course_class' AND NOT deleted"


def _indexes(conn) -> dict[str, str]:
    if conn.dialect.name == "postgresql":
        sql = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'record_current'"
    else:
        sql = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
               "AND tbl_name = 'record_current' AND sql IS NOT NULL")
    return {name: text for name, text in conn.exec_driver_sql(sql)}


def _plan(conn, sql: str) -> str:
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # only an index the read can use
    return "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))


def test_a_county_from_before_gets_the_kind_index_without_attendance(county_engine):
    tables.create(county_engine)
    with county_engine.begin() as conn:
        if conn.dialect.name != "postgresql":  # SQLite keeps the full index: it could not
            assert "ix_web_current_kind_day" in _indexes(conn)  # use a partial one here
            return
        # as an older county left it: the full index, no partial one
        conn.exec_driver_sql("DROP INDEX ix_web_current_kind_day_other")
        conn.exec_driver_sql("CREATE INDEX ix_web_current_kind_day ON record_current (kind, day)")
    tables.create(county_engine)  # what the receiver runs when it starts
    with county_engine.begin() as conn:
        indexes = _indexes(conn)
        assert "ix_web_current_kind_day" not in indexes
        assert indexes["ix_web_current_kind_day_other"].endswith(
            "WHERE ((kind)::text <> 'attendance'::text)")
        assert "ix_web_current_kind_day_other" in _plan(conn, ONE_KIND)
        assert "ix_web_current_kind_day_other" not in _plan(
            conn, ONE_KIND.replace("course_class", "attendance"))


def test_a_chunks_learners_find_their_persons_by_id(county_engine):
    """The first chunk of a new county (hundreds of learners and their persons, no statistics
    yet): each learner's person is found through the primary key, not by walking every person
    through the pages' (kind, day) index once per learner."""
    import uuid

    from ccschool.county import admin, rollup
    from ccschool.county.ingest import store_records

    tables.create(county_engine)
    admin.add_site(county_engine, "TEST01", "测试乡镇社区学校")
    records, learners = [], []
    for i in range(200):
        person, learner = uuid.uuid4().hex, uuid.uuid4().hex
        records += [{"seq": 2 * i + 1, "kind": "person", "id": person, "version": 1,
                     "op": "upsert", "data": {"name": f"学员{i}", "birth_date": "1950-05-01"}},
                    {"seq": 2 * i + 2, "kind": "learner", "id": learner, "version": 1,
                     "op": "upsert", "data": {"person_id": person, "target_groups": "老年人"}}]
        learners.append(learner)
    with county_engine.begin() as conn:
        store_records(conn, "TEST01", uuid.uuid4().hex, "2024-05", records)
    with county_engine.begin() as conn:
        born = conn.exec_driver_sql("SELECT count(*) FROM roll_learner "
                                    "WHERE born = '1950-05-01'").scalar()
        assert born == 200  # every learner's profile has its person's birth date
        if conn.dialect.name != "postgresql":
            return
        sql = str(rollup._profiles_select(learners).compile(
            dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        plan = _plan(conn, sql)
        assert "Index Scan using record_current_pkey on record_current p" in plan, plan


def test_a_sqlite_county_keeps_chunks_durable_and_checkpoints_less_often(county_engine):
    """Every commit syncs the log (synchronous=FULL: a chunk the site was told is stored
    survives a power cut); the log is copied into the database every 40,000 pages rather than
    after nearly every chunk."""
    from ccschool.county import store

    with county_engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            return
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "wal_autocheckpoint")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2,
                      "wal_autocheckpoint": store.WAL_PAGES}


def test_a_sqlite_chunk_has_a_page_cache_for_its_pages_and_gives_it_back(county_engine):
    """While a chunk is stored the connection's page cache holds every page the chunk dirties
    (no spilling to the log mid-transaction); after it the connection is back to its own
    size, so pooled connections do not each keep 64 MB."""
    import uuid

    from sqlalchemy import event

    from ccschool.county import admin, store
    from ccschool.county.ingest import Ingestor
    from ccschool.sync import wire

    if county_engine.dialect.name != "sqlite":
        return
    admin.add_site(county_engine, "TEST01", "测试乡镇社区学校")
    with county_engine.connect() as conn:
        own = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    seen: list[int] = []

    def note(conn, cursor, statement, *_args) -> None:
        if statement.startswith("INSERT INTO record_version"):
            seen.append(cursor.connection.execute("PRAGMA cache_size").fetchone()[0])

    event.listen(county_engine, "before_cursor_execute", note)
    try:
        batch = uuid.uuid4().hex
        body = wire.encode_chunk({"schema_version": 1, "site": "TEST01", "batch_id": batch,
                                  "chunk": 0, "chunks": 1, "period": "2024-05", "records": [
                                      {"seq": 1, "kind": "venue", "id": uuid.uuid4().hex,
                                       "version": 1, "op": "upsert", "data": {"name": "教室"}}]})
        answer = Ingestor(county_engine).chunk(site="TEST01", batch_id=batch, n=0, body=body)
    finally:
        event.remove(county_engine, "before_cursor_execute", note)
    assert answer["summary"]["accepted"] == 1
    assert seen == [-store.CHUNK_CACHE_KIB]
    with county_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == own

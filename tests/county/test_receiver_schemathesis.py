"""A bounded schemathesis run over every documented endpoint, on SQLite and PostgreSQL:
whatever it generates, with a good and a wrong token, the receiver answers without a 5xx."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")


def _no_server_error(operation, tokens, url):
    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        for token in tokens:
            response = case.call(base_url=url, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, (case.method, case.formatted_path,
                                                response.status_code, response.text)
    run()


def test_no_generated_request_gets_a_server_error(county):
    from ccschool.county.web.accounts import add_staff
    from tests.county.web_helpers import login

    add_staff(county.engine, "viewer", "viewer-pass-1", "viewer")  # the document is for staff
    document = login(county.url, "viewer", "viewer-pass-1").get("/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:
        _no_server_error(operation, (county.token, "wrong"), county.url)

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_database_cache_and_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }


def test_readyz_is_503_when_a_service_is_down(client, monkeypatch):
    from portal import health

    def broken():
        raise ConnectionError("queue at 10.0.0.1 refused")

    monkeypatch.setitem(health.CHECKS, "queue", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["queue"] == {"status": "error"}
    assert "10.0.0.1" not in response.content.decode()  # the reason stays in the log
    assert connection.is_usable()


def test_health_endpoints_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_readyz_reaches_the_configured_queue_storage(client):
    # Tests run tasks inline (in memory); readiness must reach the real storage: the SQLite
    # file by default, Redis when REDIS_URL is set.
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    try:
        assert type(HUEY.storage).__name__ in {"SqliteStorage", "RedisStorage"}
        response = client.get("/readyz")
    finally:
        HUEY.immediate = True
    assert response.status_code == 200
    assert response.json()["checks"]["queue"]["status"] == "ok"

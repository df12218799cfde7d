"""Admins see the outbox's parked events over HTTP and requeue them; nobody else does."""

from __future__ import annotations

from typing import Any

import pytest

from application.ports.events import OutboxEntry
from application.services.dispatcher import OutboxDispatcher, RetryPolicy
from tests.e2e.conftest import Api, make_admin, write_post

PARKED = "/api/v1/admin/outbox/parked"


class _BrokenReceiver:
    name = "broken-receiver"

    def wants(self, entry: OutboxEntry) -> bool:
        return entry.name == "PostPublished"

    async def handle(self, entry: OutboxEntry) -> None:
        raise ConnectionError("receiver refused")


class _Receiver:
    name = "receiver"

    def __init__(self) -> None:
        self.taken: list[str] = []

    def wants(self, entry: OutboxEntry) -> bool:
        return True

    async def handle(self, entry: OutboxEntry) -> None:
        self.taken.append(entry.name)


def _dispatcher(api: Api, *handlers: Any) -> OutboxDispatcher:
    """Over the app's own store and clock; one failure parks an event."""
    return OutboxDispatcher(
        api.container.adapters.storage_unit_of_work,
        handlers,
        api.clock,
        RetryPolicy(max_attempts=1),
        batch_size=100,
    )


async def _parked_posts(api: Api, admin: dict[str, str], count: int = 1) -> list[dict[str, Any]]:
    """``count`` published posts whose PostPublished events were parked."""
    posts = [await write_post(api, admin, title=f"Post {n}") for n in range(count)]
    await _dispatcher(api, _BrokenReceiver()).dispatch_once()
    return posts


async def test_an_admin_sees_a_parked_event_with_its_error(api: Api) -> None:
    admin = await make_admin(api)
    (post,) = await _parked_posts(api, admin)

    response = await api.client.get(PARKED, headers=admin)

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    (item,) = body["items"]
    assert item["name"] == "PostPublished"
    assert item["stream_id"] == post["id"]
    assert item["attempts"] == 1
    assert item["error"] == "broken-receiver: ConnectionError: receiver refused"
    assert item["payload"]["title"] == "Post 0"
    assert {"position", "event_id", "occurred_at", "parked_at"} <= item.keys()


async def test_admins_page_through_parked_events(api: Api) -> None:
    admin = await make_admin(api)
    await _parked_posts(api, admin, count=3)

    first = (await api.client.get(PARKED, params={"limit": 2}, headers=admin)).json()
    params = {"limit": 2, "cursor": first["next_cursor"]}
    second = (await api.client.get(PARKED, params=params, headers=admin)).json()

    titles = [item["payload"]["title"] for item in first["items"] + second["items"]]
    assert titles == ["Post 0", "Post 1", "Post 2"]
    assert second["next_cursor"] is None


async def test_a_requeued_event_is_delivered_again_and_leaves_the_parked_list(api: Api) -> None:
    admin = await make_admin(api)
    await _parked_posts(api, admin)
    (item,) = (await api.client.get(PARKED, headers=admin)).json()["items"]

    response = await api.client.post(f"{PARKED}/{item['position']}/requeue", headers=admin)

    assert response.status_code == 204
    assert (await api.client.get(PARKED, headers=admin)).json()["items"] == []
    receiver = _Receiver()
    await _dispatcher(api, receiver).dispatch_once()
    assert receiver.taken == ["PostPublished"]


async def test_requeueing_an_unknown_position_gets_404_and_changes_nothing(api: Api) -> None:
    admin = await make_admin(api)
    await _parked_posts(api, admin)
    before = (await api.client.get(PARKED, headers=admin)).json()

    response = await api.client.post(f"{PARKED}/999999/requeue", headers=admin)

    assert response.status_code == 404
    assert response.json()["code"] == "parked_event_not_found"
    assert (await api.client.get(PARKED, headers=admin)).json() == before


@pytest.mark.parametrize("role", ["viewer", "author", "editor"])
async def test_non_admins_get_403(api: Api, role: str) -> None:
    admin = await make_admin(api)
    await _parked_posts(api, admin)
    await api.sign_up("someone")
    await api.client.patch("/api/v1/users/someone", json={"role": role}, headers=admin)
    headers = await api.login("someone")

    listing = await api.client.get(PARKED, headers=headers)
    (item,) = (await api.client.get(PARKED, headers=admin)).json()["items"]
    requeue = await api.client.post(f"{PARKED}/{item['position']}/requeue", headers=headers)

    assert (listing.status_code, requeue.status_code) == (403, 403)
    assert listing.json()["code"] == "permission_denied"
    assert len((await api.client.get(PARKED, headers=admin)).json()["items"]) == 1


async def test_anonymous_callers_get_401(api: Api) -> None:
    assert (await api.client.get(PARKED)).status_code == 401
    assert (await api.client.post(f"{PARKED}/1/requeue")).status_code == 401


async def test_a_tampered_cursor_gets_400(api: Api) -> None:
    admin = await make_admin(api)
    response = await api.client.get(
        PARKED, params={"cursor": "eyJrIjoidXNlcnMifQ.AAAA"}, headers=admin
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"limit": "many"}])
async def test_out_of_range_limits_get_422(api: Api, params: dict[str, Any]) -> None:
    admin = await make_admin(api)
    assert (await api.client.get(PARKED, params=params, headers=admin)).status_code == 422

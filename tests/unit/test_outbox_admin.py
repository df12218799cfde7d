"""OutboxAdminService: admins only; cursors are the service's own and checked."""

from __future__ import annotations

import uuid

import pytest

from application.pagination import CursorCodec
from application.read_models import Actor
from application.services.outbox_admin import OutboxAdminService
from domain.errors import InvalidCursor, ParkedEventNotFound, PermissionDenied, ValidationFailed
from domain.users import Role
from tests.unit.outbox_fakes import Outbox, RecordingHandler

CURSORS = CursorCodec(b"cursor-key")


def _actor(role: Role) -> Actor:
    return Actor(user_id=uuid.uuid4(), username="someone", role=role)


async def _service_with_parked(count: int) -> tuple[Outbox, OutboxAdminService]:
    outbox = Outbox()
    events = await outbox.record(*(uuid.uuid4() for _ in range(count)))
    failing = RecordingHandler(failing_for={e.event_id for e in events})
    for _ in range(3):  # POLICY parks after three attempts
        await outbox.dispatcher(failing).dispatch_once()
        outbox.advance(3600)
    return outbox, OutboxAdminService(outbox.uow, outbox.clock, CURSORS)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUTHOR, Role.EDITOR])
async def test_only_admins_see_or_requeue_parked_events(role: Role) -> None:
    _, service = await _service_with_parked(1)
    with pytest.raises(PermissionDenied):
        await service.parked(_actor(role))
    with pytest.raises(PermissionDenied):
        await service.requeue(_actor(role), 1)


async def test_pages_follow_the_cursor_to_the_end() -> None:
    _, service = await _service_with_parked(3)
    admin = _actor(Role.ADMIN)

    first = await service.parked(admin, limit=2)
    second = await service.parked(admin, limit=2, cursor=first.next_cursor)

    positions = [p.entry.position for p in first.items + second.items]
    assert positions == sorted(positions) and len(positions) == 3
    assert second.next_cursor is None


async def test_a_cursor_of_another_list_or_without_a_position_is_refused() -> None:
    _, service = await _service_with_parked(1)
    admin = _actor(Role.ADMIN)
    for cursor in (CURSORS.encode("users", {"after": 1}), CURSORS.encode("parked-events", {})):
        with pytest.raises(InvalidCursor):
            await service.parked(admin, cursor=cursor)
    with pytest.raises(ValidationFailed):
        await service.parked(admin, limit=0)


async def test_requeueing_makes_the_event_pending_and_a_second_requeue_finds_nothing() -> None:
    outbox, service = await _service_with_parked(1)
    admin = _actor(Role.ADMIN)
    (parked,) = (await service.parked(admin)).items

    await service.requeue(admin, parked.entry.position)

    assert (await service.parked(admin)).items == []
    assert await outbox.lag() == 1
    with pytest.raises(ParkedEventNotFound):
        await service.requeue(admin, parked.entry.position)


@pytest.mark.parametrize("position", [0, -1, 2**63, 2**200])
async def test_a_position_no_storage_can_hold_is_no_parked_event(position: int) -> None:
    _, service = await _service_with_parked(1)
    with pytest.raises(ParkedEventNotFound):
        await service.requeue(_actor(Role.ADMIN), position)

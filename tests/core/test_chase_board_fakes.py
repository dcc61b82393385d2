"""Fake chase sources for the board's tests: items described by hand, no app involved.

`fake_sources(...)` registers them in place of the real ones and restores core.chase._sources
afterwards, so the board is tested before and independently of the apps' own sources.
"""
import contextlib
import datetime

from core import chase
from core.chase import ChaseItem, ChaseSource

TODAY = datetime.date(2026, 11, 24)


def item(item_id, *, due_in, unit=None, source="fake", title=None, done=False):
    """An open item due `due_in` days after TODAY (negative: overdue; None: no due date)."""
    return ChaseItem(
        source=source, item_id=item_id, title=title or f"2026-{item_id:03d} 建议{item_id}",
        url=f"/office/{source}/{item_id}/", unit_id=unit.pk if unit else None,
        assigned_on=TODAY - datetime.timedelta(days=60), acknowledged=True,
        due_date=None if due_in is None else TODAY + datetime.timedelta(days=due_in),
        done_on=TODAY if done else None, unit_url=f"/unit/{source}/{item_id}/",
    )


@contextlib.contextmanager
def fake_sources(*sources):
    """Register `sources` (ChaseSource or (key, label, items)) as the only chase sources."""
    saved = dict(chase._sources)
    chase._sources.clear()
    try:
        for source in sources:
            if not isinstance(source, ChaseSource):
                key, label, items = source
                source = ChaseSource(key=key, label=label, open_items=lambda items=items: list(items))
            chase.register(source)
        yield
    finally:
        chase._sources.clear()
        chase._sources.update(saved)

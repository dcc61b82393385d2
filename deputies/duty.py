"""The sources of a deputy's duty record (履职档案).

Every act of a deputy becomes a line of their record: attending a session, receiving voters,
reporting to voters, and later submitting a suggestion or joining an inspection. Each app that
records such acts registers a DutySource in its AppConfig.ready(); the performance record in
reports/ asks every source, so deputies never imports the apps that stand to its right.
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable


@dataclass(frozen=True)
class DutyLine:
    date: object  # datetime.date
    text: str
    url: str = ""


@dataclass(frozen=True)
class DutySource:
    kind: str  # a stable slug, also the key of DutyWeight.kind
    label: str  # shown as the column heading
    # count(start, end) -> {deputy_id: number of acts dated start..end inclusive}, in one or two queries
    count: Callable
    # lines(deputy, start, end) -> [DutyLine], the acts themselves for one deputy's record
    lines: Callable
    default_points: Decimal = Decimal("1")
    order: int = 100


_sources: dict[str, DutySource] = {}


def register(source):
    _sources[source.kind] = source


def sources():
    return sorted(_sources.values(), key=lambda source: source.order)


def get(kind):
    return _sources[kind]

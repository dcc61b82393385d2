"""What every benchmark module returns: a list of Measure, one row of `make bench`'s table.

A module is `bench/<name>.py` with `run(ctx) -> list[Measure]`; `ctx` is the runner's Context
(the bench database's URL, the data set's factor, where to write files, quick mode).
"""
from dataclasses import asdict, dataclass, field


@dataclass
class Measure:
    name: str  # what was measured, e.g. "page suggestions:office_list as staff"
    value: float  # the figure, in `unit`
    unit: str  # "ms", "s", "MB", "queries"
    goal: str  # the goal as read in the table, e.g. "≤ 10× floor", "≤ 10 s"
    met: bool
    floor: float | None = None  # the floor measured in the same run, in `unit`
    ratio: float | None = None  # value / floor
    detail: dict = field(default_factory=dict)  # anything else worth keeping in the JSON

    def as_dict(self):
        return asdict(self)


@dataclass
class Context:
    database_url: str  # the bench database (PostgreSQL), built by seed_demo + seed_scale
    factor: float = 100  # seed_scale's factor: 100 = a county, 100× the demo township
    results_dir: str = "bench/results"
    quick: bool = False  # shorter runs (for checking the harness), not for the README's table
    extra: dict = field(default_factory=dict)

"""Demo performance record of 青山镇: the office's points per kind of act and the awards of 2026.

Runs last in seed_demo (reports is the last app), after the deputies, their groups and the apps
that register duty sources; safe to run again: the points are set, not added, and an award that
exists already is left alone.
"""
from decimal import Decimal

from core.exceptions import ApplicationError
from core.models import Township, User
from deputies import duty
from deputies.models import Award, Deputy, RepresentativeGroup
from deputies.services_performance import award_create, duty_weights_save

AWARD_YEAR = 2026
POINTS = {
    "session_attendance": Decimal("2"),
    "presidium_meeting_attendance": Decimal("1"),
    "voter_reception": Decimal("2"),
    "report_to_voters": Decimal("3"),
    "group_activity": Decimal("1"),
    "suggestion": Decimal("3"),
    "suggestion_cosign": Decimal("1"),
    "supervision": Decimal("2"),
    "training": Decimal("1"),
    "research_report": Decimal("3"),
}
GOOD_DEPUTIES = ("张德福", "赵红梅", "杨卫东")  # 四好代表
DEPUTY_AWARD = "四好代表"
GROUP_AWARD = "五高代表小组"


def seed(stdout):
    actor = User.objects.filter(username="staff").first()
    if actor is None or not actor.is_office:
        stdout.write("Performance record: no office account named “staff”, nothing seeded.")
        return
    registered = {source.kind for source in duty.sources()}
    duty_weights_save(points_by_kind={kind: points for kind, points in POINTS.items() if kind in registered},
                      actor=actor)

    given_by = f"{Township.current().name}人大主席团"
    awarded = 0
    for name in GOOD_DEPUTIES:
        deputy = Deputy.objects.filter(name=name).order_by("pk").first()
        if deputy is not None:
            awarded += _award(deputy=deputy, title=DEPUTY_AWARD, given_by=given_by, actor=actor)
    group = RepresentativeGroup.objects.filter(term__number=11).order_by("pk").first()
    if group is not None:
        awarded += _award(group=group, title=GROUP_AWARD, given_by=given_by, actor=actor)
    stdout.write(
        f"Performance record: points for {len(registered & POINTS.keys())} kinds of act, "
        f"{Award.objects.filter(year=AWARD_YEAR).count()} awards in {AWARD_YEAR} ({awarded} new)."
    )


def _award(*, title, given_by, actor, deputy=None, group=None):
    if Award.objects.filter(year=AWARD_YEAR, title=title, deputy=deputy, group=group).exists():
        return 0
    try:
        award_create(year=AWARD_YEAR, title=title, deputy=deputy, group=group, given_by=given_by, actor=actor)
    except ApplicationError:
        return 0
    return 1

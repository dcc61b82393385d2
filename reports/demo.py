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
    seed_annual(stdout, actor)
    seed_export(stdout, actor)


def _award(*, title, given_by, actor, deputy=None, group=None):
    if Award.objects.filter(year=AWARD_YEAR, title=title, deputy=deputy, group=group).exists():
        return 0
    try:
        award_create(year=AWARD_YEAR, title=title, deputy=deputy, group=group, given_by=given_by, actor=actor)
    except ApplicationError:
        return 0
    return 1


# --- the year-end work summary and plan (reports.annual) --------------------------------------------

# 2026's plan, as the office entered it at the start of the year; the records that carried it out
# are found by topic. (year, category, title, description, month, activity topic, training topic)
PLAN_2026 = [
    (2026, "supervision", "视察农村饮水安全工程建设", "督促解决部分村供水管网老化问题。", 4,
     "视察全镇农村饮水安全工程建设", None),
    (2026, "supervision", "《食品安全法》贯彻实施情况执法检查", "", 6,
     "《中华人民共和国食品安全法》贯彻实施情况执法检查", None),
    (2026, "supervision", "听取和审议镇人民政府关于乡村振兴工作情况的报告", "", 11, None, None),
    (2026, "training", "代表履职能力培训", "", 3, None,
     "学习贯彻新修改的《地方各级人民代表大会和地方各级人民政府组织法》专题培训"),
    (2026, "training", "代表建议撰写专题培训", "", 12, None, "代表建议撰写专题培训"),
]
PLAN_2027 = [
    (2027, "session", "召开镇第十一届人民代表大会第七次会议", "听取和审议镇人民政府工作报告和财政预算报告。", 1),
    (2027, "session", "召开镇第十一届人民代表大会第八次会议", "听取镇人民政府上半年工作情况报告，审查财政决算。", 8),
    (2027, "supervision", "视察全镇农村人居环境整治长效管护情况", "重点督促垃圾清运和保洁员队伍建设。", 4),
    (2027, "supervision", "《中华人民共和国农产品质量安全法》贯彻实施情况执法检查", "", 6),
    (2027, "supervision", "对镇卫生院、镇中心学校开展工作评议", "组织代表开展满意度测评。", 10),
    (2027, "training", "新任代表履职基础知识培训", "邀请县人大常委会有关负责人授课。", 3),
    (2027, "training", "赴外地考察学习代表联络站建设经验", "", 5),
    (2027, "deputy", "开展“代表进站、履职为民”主题活动", "每月10日各联络站接待选民。", 5),
    (2027, "deputy", "组织部分代表向选民述职", "", 9),
]


def seed_annual(stdout, actor):
    from reports.models import AnnualReport, PlanItem
    from reports.services_annual import annual_report_draft
    from supervision.models import Activity, Training

    added = 0
    for year, category, title, description, month, topic, training in PLAN_2026:
        if PlanItem.objects.filter(year=year, title=title).exists():
            continue
        PlanItem.objects.create(
            year=year, category=category, title=title, description=description, planned_month=month,
            activity=Activity.objects.filter(topic=topic).first() if topic else None,
            training=Training.objects.filter(topic=training).first() if training else None, created_by=actor,
        )
        added += 1
    for year, category, title, description, month in PLAN_2027:
        if not PlanItem.objects.filter(year=year, title=title).exists():
            PlanItem.objects.create(year=year, category=category, title=title, description=description,
                                    planned_month=month, created_by=actor)
            added += 1
    if not AnnualReport.objects.filter(year=AWARD_YEAR).exists():
        annual_report_draft(year=AWARD_YEAR, actor=actor)
    stdout.write(f"Year-end report: a {AWARD_YEAR} draft, {added} new plan items "
                 f"({PlanItem.objects.filter(year=AWARD_YEAR + 1).count()} for {AWARD_YEAR + 1}).")


def seed_export(stdout, actor):
    """The office's ledger of the year's suggestions, exported once, so "My exports" has a file."""
    from core import exports
    from core.models_exports import ExportJob
    from core.services_exports import export_job_request, export_job_run

    if ExportJob.objects.filter(requested_by=actor, kind="ledger").exists():
        return
    job = export_job_request(kind=exports.get("ledger"), parameters={"year": AWARD_YEAR}, actor=actor)
    job = export_job_run(job_id=job.pk)
    stdout.write(f"Exports: the {AWARD_YEAR} suggestion ledger for {actor} ({job.get_status_display()}).")

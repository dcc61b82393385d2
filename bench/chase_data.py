"""The chase bench's data set (bench/chase.py), built with bulk inserts in a minute or two.

N open items as the chase sees them: 90 % suggestions in the states it looks at, 10 % open
rectification items; plus closed suggestions, verified items and earlier weeks' ledger rows that
it must skip. Dates are counted from `today`, so every state holds on the bench's day.
"""
import datetime
import random

from django.db import transaction

BATCH = 5000
MARKER = "bench-chase N={items} v{version}"

# state: share of the suggestions
SUGGESTION_STATES = {
    "not_acknowledged": 0.10,
    "green": 0.20,
    "due_soon": 0.10,
    "overdue": 0.15,
    "co_late": 0.10,
    "co_sent": 0.05,
    "not_rated": 0.10,
    "rated": 0.03,
    "replied_recently": 0.02,
    "promise_passed": 0.05,
    "rehandling": 0.05,
    "submitted": 0.05,
}
RECTIFICATION_STATES = {"pending": 0.30, "overdue": 0.30, "green": 0.20, "rectified": 0.20}


def built(items, version):
    from core.models import HandlingUnit

    return HandlingUnit.objects.filter(name=MARKER.format(items=items, version=version)).exists()


def _days(n):
    return datetime.timedelta(days=n)


def _spread(total, shares):
    """How many of `total` each state gets, the rounding left to the last."""
    counts = {state: int(total * share) for state, share in shares.items()}
    last = list(shares)[-1]
    counts[last] += total - sum(counts.values())
    return counts


def build(items, today, version, *, log=print):
    from django.contrib.auth.models import Group
    from django.db import connection

    from core.chase_engine import _open_items
    from core.models import HandlingUnit, Reminder, User
    from core.roles import Role
    from core.services import holidays_load_from_package
    from deputies.models import Deputy
    from motions.models import Assignment, Rating, Reply, ResultClass, Suggestion
    from supervision.models import Activity, RectificationItem

    rng = random.Random(9)
    holidays_load_from_package(from_year=today.year - 10, to_year=today.year)
    existing = len(_open_items())  # the demo's open items count towards N
    items -= existing
    n_rect = items // 10
    n_sugg = items - n_rect
    groups = {role: Group.objects.get(name=role) for role in Role.values}

    with transaction.atomic():
        units = HandlingUnit.objects.bulk_create(
            [HandlingUnit(name=f"压测承办单位{i:04d}", sort_order=1000 + i) for i in range(max(10, items // 300))])
        unit_ids = [unit.pk for unit in units]

        def users(prefix, count, **fields):
            made = User.objects.bulk_create(
                [User(username=f"{prefix}{i:05d}", name=f"{prefix}{i:05d}", password="!",
                      email=f"{prefix}{i:05d}@example.cn", **(fields(i) if callable(fields) else fields))
                 for i in range(count)], batch_size=BATCH)
            return made

        officers = users("bcu", 2 * len(units), handling_unit_id=None)
        for position, user in enumerate(officers):
            user.handling_unit_id = unit_ids[position // 2]
        User.objects.bulk_update(officers, ["handling_unit_id"], batch_size=1000)
        staff = users("bcs", 2)
        deputy_users = users("bcd", max(50, items // 20))
        member_users = users("bcm", 10)
        through = User.groups.through
        memberships = ([through(user_id=u.pk, group_id=groups[Role.UNIT_OFFICER].pk) for u in officers]
                       + [through(user_id=u.pk, group_id=groups[Role.STAFF].pk) for u in staff]
                       + [through(user_id=u.pk, group_id=groups[Role.DEPUTY].pk) for u in deputy_users]
                       + [through(user_id=u.pk, group_id=groups[Role.PRESIDIUM_MEMBER].pk) for u in member_users])
        through.objects.bulk_create(memberships, batch_size=BATCH)
        deputies = Deputy.objects.bulk_create(
            [Deputy(name=f"压测代表{i:05d}", gender="male", user_id=u.pk) for i, u in enumerate(deputy_users)],
            batch_size=BATCH)
        leaders = Deputy.objects.bulk_create(
            [Deputy(name=f"压测主席团成员{i:02d}", gender="female", user_id=u.pk) for i, u in enumerate(member_users)])
        log(f"{len(units)} units, {len(officers)} officers, {len(deputies)} deputies")

        classes = {rc.code: rc for rc in ResultClass.objects.all()}
        suggestions, plans = [], []
        counts = _spread(n_sugg, SUGGESTION_STATES)
        closed_done = n_sugg // 5
        number = 0
        for state, count in [*counts.items(), ("closed", closed_done)]:
            for _ in range(count):
                number += 1
                plan = _suggestion_plan(state, today, rng)
                suggestions.append(Suggestion(
                    year=2017 + number % 10, number=1000 + number // 10, title=f"关于压测事项第{number}号的建议",
                    content="压测", status=plan["status"], proposer=rng.choice(deputies),
                    is_key=plan["key"], key_leader=rng.choice(leaders) if plan["key"] else None,
                    assigned_at=plan.get("assigned"), due_date=plan.get("due")))
                plans.append(plan)
        Suggestion.objects.bulk_create(suggestions, batch_size=BATCH)
        log(f"{len(suggestions)} suggestions")

        assignments, reply_of = [], []
        for suggestion, plan in zip(suggestions, plans):
            if "assigned" not in plan:
                continue
            lead = Assignment(suggestion_id=suggestion.pk, unit_id=rng.choice(unit_ids), role=Assignment.Role.LEAD,
                              status=plan["lead_status"], assigned_at=plan["assigned"], due_date=plan["due"])
            assignments.append(lead)
            if plan.get("co_status"):
                co_unit = rng.choice(unit_ids)
                while co_unit == lead.unit_id:
                    co_unit = rng.choice(unit_ids)
                assignments.append(Assignment(suggestion_id=suggestion.pk, unit_id=co_unit, role=Assignment.Role.CO,
                                              status=plan["co_status"], assigned_at=plan["assigned"],
                                              due_date=plan["due"]))
            if plan.get("replied"):
                reply_of.append((suggestion, lead, plan))
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        replies = Reply.objects.bulk_create(
            [Reply(suggestion_id=s.pk, assignment_id=lead.pk, result_class=classes[plan["class"]], text="答复",
                   signed_by="单位负责人", promised_date=plan.get("promised"), due_date=plan["due"],
                   replied_on=plan["replied"], promise_kept_on=plan.get("kept"))
             for s, lead, plan in reply_of], batch_size=BATCH)
        Rating.objects.bulk_create(
            [Rating(reply_id=reply.pk, deputy_id=s.proposer_id, satisfaction="satisfied")
             for reply, (s, _lead, plan) in zip(replies, reply_of) if plan.get("rated")], batch_size=BATCH)
        log(f"{len(assignments)} assignments, {len(replies)} replies")

        activities = Activity.objects.bulk_create(
            [Activity(kind="inspection", topic=f"压测视察{i:05d}", status="held", start_date=today - _days(400),
                      end_date=today - _days(400), leader=rng.choice(leaders) if i % 2 else None)
             for i in range(max(5, n_rect // 5))], batch_size=BATCH)
        rectification = []
        counts = _spread(n_rect, RECTIFICATION_STATES)
        for state, count in [*counts.items(), ("verified", n_rect // 5)]:
            for i in range(count):
                rectification.append(_rectification_item(state, today, rng, activity=rng.choice(activities),
                                                         unit_id=rng.choice(unit_ids), number=i))
        RectificationItem.objects.bulk_create(rectification, batch_size=BATCH)
        log(f"{len(activities)} activities, {len(rectification)} rectification items")

        # Earlier weeks' ledger: as many rows as open items, none in the last week.
        recipients = [u.pk for u in officers] + [u.pk for u in staff]
        Reminder.objects.bulk_create(
            [Reminder(source="suggestion", item_id=rng.choice(suggestions).pk, kind=rng.choice(Reminder.Kind.values),
                      recipient_id=rng.choice(recipients), day=today - _days(8 + i % 700), title="往期提醒")
             for i in range(items)], batch_size=BATCH, ignore_conflicts=True)
        HandlingUnit.objects.create(name=MARKER.format(items=items + existing, version=version), active=False,
                                    sort_order=99999)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _suggestion_plan(state, today, rng):
    plan = {"key": rng.random() < 0.1, "status": "assigned", "lead_status": "acknowledged"}

    def assigned(days_ago, months=3):
        plan["assigned"] = today - _days(days_ago)
        plan["due"] = plan["assigned"] + _days(30 * months)

    if state == "not_acknowledged":
        assigned(rng.randint(5, 40))
        plan["lead_status"] = "assigned"
    elif state == "green":
        assigned(rng.randint(0, 80))
    elif state == "due_soon":
        assigned(90 - rng.randint(0, 7))
    elif state == "overdue":
        assigned(90 + rng.randint(1, 300))
    elif state == "co_late":
        assigned(rng.randint(32, 80))
        plan["co_status"] = rng.choice(["assigned", "acknowledged"])
    elif state == "co_sent":
        assigned(rng.randint(32, 80))
        plan["co_status"] = "opinion_sent"
    elif state in ("not_rated", "rated", "replied_recently"):
        days = {"not_rated": (15, 120), "rated": (15, 200), "replied_recently": (0, 14)}[state]
        assigned(rng.randint(100, 300))
        plan.update(status="replied", lead_status="replied", replied=today - _days(rng.randint(*days)),
                    **{"class": "A"})
        plan["rated"] = state == "rated"
    elif state == "promise_passed":
        assigned(rng.randint(200, 700))
        plan.update(status="closed", lead_status="replied", replied=plan["assigned"] + _days(60),
                    promised=today - _days(rng.randint(1, 200)), rated=True, **{"class": "B"})
    elif state == "rehandling":
        assigned(rng.randint(40, 140))
        plan["status"] = "rehandling"
    elif state == "submitted":
        plan["status"] = rng.choice(["submitted", "accepted"])
        plan["key"] = False
    else:  # closed and done: replied, rated, no promise owed
        assigned(rng.randint(200, 3600))
        plan.update(status="closed", lead_status="replied", replied=plan["assigned"] + _days(60), rated=True,
                    **{"class": rng.choice(["A", "C"])})
    return plan


def _rectification_item(state, today, rng, *, activity, unit_id, number):
    from supervision.models import RectificationItem

    assigned = {"pending": rng.randint(5, 40), "overdue": rng.randint(120, 400), "green": rng.randint(0, 50),
                "rectified": rng.randint(30, 120), "verified": rng.randint(200, 3000)}[state]
    assigned_on = today - _days(assigned)
    deadline = assigned_on + _days(90)
    status = {"pending": "pending", "overdue": "in_progress", "green": "in_progress", "rectified": "rectified",
              "verified": "verified"}[state]
    return RectificationItem(
        activity=activity, problem=f"压测发现的问题{number:05d}：台账不全，整改措施未落实到位", unit_id=unit_id,
        status=status, assigned_on=assigned_on, deadline=deadline,
        rectified_on=today - _days(rng.randint(0, 20)) if state == "rectified" else None,
        verified_on=today - _days(10) if state == "verified" else None)

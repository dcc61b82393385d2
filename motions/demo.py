"""Demo suggestions of 青山镇: a year 2026 like the seeds' years (24 from deputies, two of them
motions; two from voters at contact platforms; one letter) in every state of the workflow, and a
few closed items of 2025 so the year pickers have two years. See motions/demo_data.py.

Rows are written directly through the models and motions.services.base.record_event, with the
dates a real year would have left, so the demo does not depend on the pages' services. Safe to
run again: an item is found by (year, title) and left alone when it exists.
"""
import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core.models import HandlingUnit, Notification, User
from deputies.models import Deputy, ReceptionMatter

from . import rules
from .demo_data import ITEMS_2025, ITEMS_2026
from .models import (
    Assignment,
    Category,
    Contact,
    CoSigner,
    Event,
    HandlingRules,
    NumberSequence,
    Rating,
    Reply,
    ResultClass,
    Suggestion,
)
from .services.base import record_event
from .workflow import Action

S = Suggestion.Status
OFFICE_NOTE = "代表书面提交，由人大办代为录入。"
RATED_BY_PHONE = "代表电话反馈，由人大办代为录入。"
CO_UNIT_OPINION = "同意主办单位的办理意见，本单位将在职责范围内配合做好相关工作。"


def seed(stdout):
    build = _Builder()
    created = [build.item(spec) for spec in ITEMS_2026 + ITEMS_2025]
    for year in (2025, 2026):
        last = Suggestion.objects.filter(year=year).aggregate(last=Max("number"))["last"] or 0
        sequence, _ = NumberSequence.objects.get_or_create(year=year)
        if sequence.last_number < last:
            sequence.last_number = last
            sequence.save(update_fields=["last_number"])
    seed_notifications(build)
    counts = {year: Suggestion.objects.filter(year=year).count() for year in (2025, 2026)}
    stdout.write(f"Suggestions: {sum(1 for item in created if item)} added; {counts[2026]} in 2026, "
                 f"{counts[2025]} in 2025.")


def seed_notifications(build):
    """What the demo accounts find in their inbox: the deputy a reply to rate, the finance office an
    item to acknowledge, the office the items waiting for review. Found by recipient, kind and link."""
    wanted = []
    zhang = build.deputies.get("张德福")
    if zhang and zhang.user_id:
        for item in Suggestion.objects.filter(proposer=zhang, status=S.REPLIED).prefetch_related("replies"):
            answer = item.replies.order_by("-round").first()
            wanted.append((zhang.user, "motions.reply", f"您提出的《{item.title}》已答复，请评价",
                           answer.text, reverse("motions:deputy_item", args=[item.pk]), answer.replied_on))
    czs = build.users.get("czs")
    if czs and czs.handling_unit_id:
        for lead in Assignment.objects.filter(unit_id=czs.handling_unit_id, status=Assignment.Status.ASSIGNED,
                                              role=Assignment.Role.LEAD).select_related("suggestion"):
            item = lead.suggestion
            wanted.append((czs, "motions.assign", f"新交办建议 {item.reference}《{item.title}》，请签收",
                           f"答复期限{lead.due_date:%Y年%-m月%-d日}。", reverse("motions:unit_item", args=[lead.pk]),
                           lead.assigned_at))
    if build.staff:
        for item in Suggestion.objects.filter(status=S.SUBMITTED, year=2026):
            submitted_on = timezone.localtime(item.submitted_at).date()
            wanted.append((build.staff, "motions.submitted", f"新提交的建议待审查：《{item.title}》", "",
                           reverse("motions:office_item", args=[item.pk]), submitted_on))
    for recipient, kind, subject, body, link, day in wanted:
        notification, created = Notification.objects.get_or_create(
            recipient=recipient, kind=kind, link=link, defaults={"subject": subject, "body": body})
        if created:
            Notification.objects.filter(pk=notification.pk).update(created_at=build.at(day, 17))


def final_status(spec):
    if spec.submitted is None:
        return S.DRAFT
    if spec.end:
        return spec.end
    if spec.reviewed is None:
        return S.SUBMITTED
    if spec.assigned is None:
        return S.ACCEPTED
    if spec.closed_by_office:
        return S.CLOSED
    last_rating = spec.second_rating or (None if spec.second_reply else spec.rating)
    if last_rating is not None:
        return S.REHANDLING if last_rating.satisfaction == Rating.Satisfaction.UNSATISFIED else S.CLOSED
    return S.REPLIED if spec.reply else S.ASSIGNED


class _Builder:
    def __init__(self):
        self.rules = HandlingRules.current()
        self.users = {user.username: user for user in User.objects.filter(username__in=["staff", "czs", "chairman"])}
        self.staff = self.users.get("staff")
        self.units = {unit.name: unit for unit in HandlingUnit.objects.all()}
        self.deputies = {deputy.name: deputy for deputy in Deputy.objects.select_related("user")}
        self.classes = {entry.code: entry for entry in ResultClass.objects.all()}
        self.categories = {category.name: category for category in Category.objects.all()}
        self.sessions = {}
        from congress.models import Meeting

        for meeting in Meeting.objects.filter(kind=Meeting.Kind.SESSION, term__number=11):
            self.sessions[meeting.number] = meeting

    # --- who did it ---------------------------------------------------------------------------------

    def unit_actor(self, unit):
        """The unit's officer account (the demo has one, 财政所's), or nobody."""
        czs = self.users.get("czs")
        return czs if czs and czs.handling_unit_id == unit.pk else None

    def deputy_actor(self, deputy):
        return deputy.user if deputy and deputy.user_id else None

    # --- one item -----------------------------------------------------------------------------------

    def item(self, spec):
        if Suggestion.objects.filter(year=spec.year, title=spec.title).exists():
            return None
        proposer = self.deputies.get(spec.proposer) if spec.proposer else None
        if spec.proposer and proposer is None:
            return None  # the deputies' demo did not run
        self.clock = {}
        self.item_row = suggestion = Suggestion.objects.create(
            kind=spec.kind, source=spec.source, tabled_by=spec.tabled_by, year=spec.year,
            period=Suggestion.Period.DURING_SESSION if spec.session else Suggestion.Period.BETWEEN_SESSIONS,
            session=self.sessions.get(spec.session), title=spec.title, content=spec.content,
            category=self.categories.get(spec.category), proposer=proposer, petitioner=spec.petitioner,
            reception_matter=self._matter(spec.matter), status=final_status(spec),
            number=spec.number if spec.reviewed and not spec.end else None, is_complex=spec.complex,
            created_by=self.deputy_actor(proposer) or self.staff,
            submitted_at=self.at(spec.submitted, 9) if spec.submitted else None,
            is_published=spec.published,
        )
        author = self.deputy_actor(proposer)
        self.step(Action.CREATE, spec.submitted or datetime.date(spec.year, 11, 22), author or self.staff)
        if spec.submitted is None:
            return suggestion
        self._cosigners(spec, suggestion)
        self.step(Action.SUBMIT, spec.submitted, author or self.staff, S.DRAFT, S.SUBMITTED,
                  comment="" if author or not proposer else OFFICE_NOTE)
        if spec.reviewed:
            self._review(spec, suggestion)
        if spec.assigned:
            self._handle(spec, suggestion, proposer)
        if spec.published:
            last = Event.objects.filter(suggestion=suggestion).order_by("-at").values_list("at", flat=True).first()
            self.step(Action.PUBLISH, timezone.localtime(last).date() + datetime.timedelta(days=2), self.staff)
        return suggestion

    def _matter(self, words):
        if not words:
            return None
        return ReceptionMatter.objects.filter(content=words, suggestion__isnull=True).first()

    def _cosigners(self, spec, suggestion):
        if not spec.cosigners:
            return
        author = self.deputy_actor(suggestion.proposer) or self.staff
        self.step(Action.COSIGN_INVITE, spec.submitted, author, comment="、".join(spec.cosigners))
        for name in spec.cosigners:
            deputy = self.deputies[name]
            CoSigner.objects.create(suggestion=suggestion, deputy=deputy, status=CoSigner.Status.CONFIRMED,
                                    responded_at=self.at(spec.submitted, 11))
            self.step(Action.COSIGN_CONFIRM, spec.submitted, self.deputy_actor(deputy), comment=name)

    def _review(self, spec, suggestion):
        if spec.end == S.RETURNED:
            self.step(Action.RETURN, spec.reviewed, self.staff, S.SUBMITTED, S.RETURNED, comment=spec.reason)
        elif spec.end == S.NOT_ACCEPTED:
            self.step(Action.NOT_ACCEPT, spec.reviewed, self.staff, S.SUBMITTED, S.NOT_ACCEPTED, comment=spec.reason)
        elif spec.end == S.MERGED:
            target = Suggestion.objects.get(year=spec.year, title=spec.merged_into)
            suggestion.merged_into = target
            suggestion.save(update_fields=["merged_into"])
            CoSigner.objects.get_or_create(suggestion=target, deputy=suggestion.proposer, defaults={
                "status": CoSigner.Status.CONFIRMED, "responded_at": self.at(spec.reviewed, 10)})
            self.step(Action.MERGE, spec.reviewed, self.staff, S.SUBMITTED, S.MERGED,
                      comment=f"与{target.reference}《{target.title}》反映的问题相同，并案办理；{suggestion.proposer.name}代表列为共同提出人。")
        else:
            self.step(Action.ACCEPT, spec.reviewed, self.staff, S.SUBMITTED, S.ACCEPTED,
                      comment=f"立案，编号{suggestion.reference}。")

    def _handle(self, spec, suggestion, proposer):
        lead_unit = self.units[spec.lead]
        co_units = [self.units[name] for name in spec.co]
        due = rules.answer_due_date(spec.assigned, complex_item=spec.complex, rules=self.rules)
        status = final_status(spec)
        lead = Assignment.objects.create(
            suggestion=suggestion, unit=lead_unit, role=Assignment.Role.LEAD, assigned_at=spec.assigned,
            due_date=due, status=Assignment.Status.ASSIGNED,
        )
        co_rows = [Assignment.objects.create(
            suggestion=suggestion, unit=unit, role=Assignment.Role.CO, assigned_at=spec.assigned,
            due_date=rules.co_unit_opinion_due(spec.assigned, rules=self.rules), status=Assignment.Status.ASSIGNED,
        ) for unit in co_units]
        if spec.key_leader:
            suggestion.is_key, suggestion.key_leader = True, self.deputies[spec.key_leader]
            self.step(Action.MARK_KEY, spec.assigned, self.staff, comment=f"列为重点督办建议，由{spec.key_leader}牵头督办。")
        units_text = f"主办：{lead_unit.name}" + (f"；协办：{'、'.join(u.name for u in co_units)}" if co_units else "")
        self.step(Action.ASSIGN, spec.assigned, self.staff, S.ACCEPTED, S.ASSIGNED, unit=lead_unit,
                  comment=f"{units_text}；答复期限{due:%Y-%m-%d}。")
        suggestion.assigned_at, suggestion.due_date = spec.assigned, due
        if spec.acknowledged:
            lead.status, lead.acknowledged_at = Assignment.Status.ACKNOWLEDGED, self.at(spec.acknowledged, 9)
            self.step(Action.ACKNOWLEDGE, spec.acknowledged, self.unit_actor(lead_unit), unit=lead_unit)
            for row in co_rows:
                row.status, row.acknowledged_at = Assignment.Status.ACKNOWLEDGED, self.at(spec.acknowledged, 10)
                self.step(Action.ACKNOWLEDGE, spec.acknowledged, self.unit_actor(row.unit), unit=row.unit)
        for day, way, note in spec.contacts:
            Contact.objects.create(assignment=lead, date=day, way=way, note=note,
                                   recorded_by=self.unit_actor(lead_unit))
            self.step(Action.CONTACT, day, self.unit_actor(lead_unit), unit=lead_unit, comment=note)
        if spec.reply:
            for row in co_rows:
                sent = min(spec.assigned + datetime.timedelta(days=20), spec.reply.on)
                row.status, row.opinion = Assignment.Status.OPINION_SENT, CO_UNIT_OPINION
                row.opinion_sent_at = self.at(sent, 15)
                self.step(Action.OPINION, sent, self.unit_actor(row.unit), unit=row.unit, comment=CO_UNIT_OPINION)
            self._answer(spec, suggestion, lead, proposer, due)
        for row in [lead, *co_rows]:
            row.save()
        suggestion.status = status
        suggestion.save()

    def _answer(self, spec, suggestion, lead, proposer, due):
        unit = lead.unit
        first = self._reply(suggestion, lead, spec.reply, 1, due, S.ASSIGNED)
        lead.status = Assignment.Status.REPLIED
        if spec.closed_by_office:
            self.step(Action.CLOSE, spec.closed_by_office, self.staff, S.REPLIED, S.CLOSED,
                      comment="来信人已收到书面答复，无异议，予以办结。")
            suggestion.closed_at = self.at(spec.closed_by_office, 16)
        if spec.rating is None:
            return
        self._rate(suggestion, first, proposer, spec.rating)
        if spec.rating.satisfaction != Rating.Satisfaction.UNSATISFIED:
            suggestion.closed_at = self.at(spec.rating.on, 16)
            self._promise(spec.reply, first, unit)
            return
        second_due = rules.rehandle_due_date(spec.rating.on, rules=self.rules)
        suggestion.due_date = lead.due_date = second_due
        lead.status = Assignment.Status.ACKNOWLEDGED
        if spec.second_reply is None:
            return
        second = self._reply(suggestion, lead, spec.second_reply, 2, second_due, S.REHANDLING)
        lead.status = Assignment.Status.REPLIED
        if spec.second_rating:
            self._rate(suggestion, second, proposer, spec.second_rating)
            suggestion.closed_at = self.at(spec.second_rating.on, 16)

    def _reply(self, suggestion, lead, answer, round_, due, from_status):
        unit = lead.unit
        reply = Reply.objects.create(
            suggestion=suggestion, assignment=lead, round=round_, result_class=self.classes[answer.result],
            text=answer.text, signed_by=unit.head or unit.name, promised_date=answer.promised, due_date=due,
            replied_on=answer.on, created_by=self.unit_actor(unit),
        )
        self.step(Action.REPLY, answer.on, self.unit_actor(unit), from_status, S.REPLIED, unit=unit,
                  comment=f"{answer.result}类：{answer.text}")
        return reply

    def _rate(self, suggestion, reply, proposer, rated):
        rating = Rating.objects.create(reply=reply, deputy=proposer, satisfaction=rated.satisfaction,
                                       comment=rated.comment)
        Rating.objects.filter(pk=rating.pk).update(rated_at=self.at(rated.on, 15))
        rater = self.deputy_actor(proposer)
        words = f"{rating.get_satisfaction_display()}" + (f"：{rated.comment}" if rated.comment else "")
        if rater is None:
            words = f"{words}（{RATED_BY_PHONE}）"
        unsatisfied = rated.satisfaction == Rating.Satisfaction.UNSATISFIED
        self.step(Action.REHANDLE if unsatisfied else Action.RATE, rated.on, rater or self.staff, S.REPLIED,
                  S.REHANDLING if unsatisfied else S.CLOSED, comment=words)

    def _promise(self, answer, reply, unit):
        if answer.kept:
            reply.promise_kept_on, reply.promise_report = answer.kept, answer.kept_report
            reply.save(update_fields=["promise_kept_on", "promise_report"])
            self.step(Action.PROMISE_KEPT, answer.kept, self.unit_actor(unit), unit=unit, comment=answer.kept_report)

    # --- the timeline -------------------------------------------------------------------------------

    def at(self, day, hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def step(self, action, day, actor, from_status="", to_status="", *, comment="", unit=None):
        """One event, dated on `day`: the steps of one day follow each other a quarter of an hour apart."""
        order = self.clock.get(day, 0)
        self.clock[day] = order + 1
        moment = self.at(day, 9) + datetime.timedelta(minutes=15 * order)
        event = record_event(suggestion=self.item_row, action=action, actor=actor, comment=comment, unit=unit,
                             from_status=from_status, to_status=to_status)
        Event.objects.filter(pk=event.pk).update(at=moment)
        return event

"""Congress (SPEC §2): meetings of the term, their agenda, attendance, votes and notices.

Quorum and majority are never entered by hand: congress.rules computes them from the roster of
the meeting's date, and the vote's result is stored as the service computed it (the database
checks that the stored result is the one the rule gives).
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from core.files import RandomName
from core.history import Child, HistoricalRecords, history_children
from deputies.models import Deputy, Term
from deputies.numerals import session_label

from . import rules


class PresidiumMembership(models.Model):
    """A deputy elected to the presidium (主席团) for a term, with the position held."""

    class Position(models.TextChoices):
        CHAIRMAN = "chairman", _("Chairman")
        VICE_CHAIRMAN = "vice_chairman", _("Vice-chairman")
        MEMBER = "member", _("Member")

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="presidium")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="presidium_memberships")
    position = models.CharField(_("position"), max_length=15, choices=Position.choices, default=Position.MEMBER)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True,
                             help_text=_("The last day in the presidium; empty while serving."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presidium membership")
        verbose_name_plural = _("presidium memberships")
        ordering = ["term", "position", "deputy__name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "deputy"], name="presidium_member_once_per_term"),
            models.CheckConstraint(condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                                   name="presidium_membership_dates_ordered"),
        ]

    def __str__(self):
        return f"{self.deputy} · {self.get_position_display()}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        SESSION = "session", _("Session of the people's congress")
        PRESIDIUM = "presidium", _("Presidium meeting")
        PRESIDIUM_MEMBERS = "presidium_members", _("Meeting of the chairman and vice-chairmen")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Sessions are numbered within the term: 2 for 第二次会议."),
    )
    extraordinary = models.BooleanField(_("extraordinary session"), default=False)
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    convener = models.CharField(_("convened by"), max_length=50, blank=True)
    agenda_summary = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(_("minutes file"), upload_to=RandomName("congress/minutes"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["term", "kind", "number"], name="meeting_number_unique_in_term"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="meeting_dates_ordered"),
            models.CheckConstraint(condition=~Q(kind="session") | Q(number__isnull=False),
                                   name="session_has_number"),
            models.CheckConstraint(condition=Q(number__isnull=True) | Q(number__gte=1), name="meeting_number_positive"),
        ]
        # The dashboards read the few meetings still to come (leave to decide, notices to answer)
        # and the year's held meetings, not every meeting of ten years.
        indexes = [models.Index(fields=["status", "start_date"], name="meeting_status_start")]

    def __str__(self):
        if self.title:
            return self.title
        if self.kind == self.Kind.SESSION:
            return f"{self.term} {session_label(self.number)}"
        return f"{self.get_kind_display()} {self.start_date:%Y-%m-%d}"

    @property
    def is_session(self):
        return self.kind == self.Kind.SESSION


class AgendaItem(models.Model):
    """议程: one thing the meeting does; the kinds that decide something are put to the vote."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Hear and review a report")
        ELECTION = "election", _("Election")
        DISMISSAL = "dismissal", _("Dismissal or acceptance of resignation")
        RESOLUTION = "resolution", _("Resolution or decision")
        OPINIONS = "opinions", _("Hear deputies' opinions")
        OTHER = "other", _("Other")

    VOTED_KINDS = frozenset({Kind.ELECTION, Kind.DISMISSAL, Kind.RESOLUTION})

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    document = models.FileField(_("document"), upload_to=RandomName("congress/documents"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_voted(self):
        return self.kind in self.VOTED_KINDS


class Attendance(models.Model):
    """签到: one line per deputy expected at the meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ON_LEAVE = "on_leave", _("On leave")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendance")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "deputy__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "deputy"], name="attendance_once_per_deputy"),
            models.CheckConstraint(condition=Q(status__in=["present", "on_leave", "absent"]),
                                   name="attendance_status_valid"),
        ]
        # The absence rule reads the few absences among a session's thousands of marks.
        indexes = [models.Index(fields=["meeting", "deputy"], condition=Q(status="absent"), name="attendance_absent_idx")]

    def __str__(self):
        return f"{self.deputy}: {self.get_status_display()}"


class Vote(models.Model):
    """表决 on one agenda item, with the figures the result was computed from."""

    agenda_item = models.OneToOneField(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE,
                                       related_name="vote")
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    abstentions = models.PositiveIntegerField(_("abstentions"))
    deputies_in_office = models.PositiveIntegerField(_("deputies in office"))
    deputies_present = models.PositiveIntegerField(_("deputies present"))
    passed = models.BooleanField(_("passed"))
    adopted_text = models.TextField(_("adopted text"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    # Re-recording a vote replaces its figures; who recorded it last and when stay on the row.
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(deputies_present__gte=F("votes_for") + F("votes_against") + F("abstentions")),
                name="vote_not_more_ballots_than_present",
            ),
            models.CheckConstraint(condition=Q(deputies_in_office__gte=F("deputies_present")),
                                   name="vote_present_within_office"),
            # 有三分之二以上的代表出席，始得举行: no vote of a session without quorum (3 × present ≥ 2 × in office).
            models.CheckConstraint(
                condition=GreaterThanOrEqual(F("deputies_present") * 3, F("deputies_in_office") * 2),
                name="vote_only_with_quorum",
            ),
            # 全体代表的过半数: passed exactly when 2 × for > in office.
            models.CheckConstraint(
                condition=(Q(passed=True) & GreaterThan(F("votes_for") * 2, F("deputies_in_office")))
                | (Q(passed=False) & LessThanOrEqual(F("votes_for") * 2, F("deputies_in_office"))),
                name="vote_passed_by_majority_of_all",
            ),
        ]

    def __str__(self):
        return f"{self.agenda_item}: {self.votes_for}/{self.votes_against}/{self.abstentions}"

    @property
    def votes_needed(self):
        """The votes for that were needed: more than half of all deputies in office that day."""
        return rules.votes_needed_to_pass(self.deputies_in_office)


class MeetingNotice(models.Model):
    """会议通知 sent to the deputies concerned; each answers attend or asks for leave."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notices")
    message = models.TextField(_("message"))
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.meeting} · {self.sent_at:%Y-%m-%d}"


class NoticeReply(models.Model):
    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ATTEND = "attend", _("Will attend")
        LEAVE = "leave", _("Asks for leave")

    class LeaveDecision(models.TextChoices):
        NONE = "", _("—")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Leave approved")
        REFUSED = "refused", _("Leave refused")

    notice = models.ForeignKey(MeetingNotice, verbose_name=_("meeting notice"), on_delete=models.CASCADE,
                               related_name="replies")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="notice_replies")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    leave_reason = models.CharField(_("reason for leave"), max_length=200, blank=True)
    leave_decision = models.CharField(_("leave decision"), max_length=10, choices=LeaveDecision.choices,
                                      blank=True, default="")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notice reply")
        verbose_name_plural = _("notice replies")
        ordering = ["notice", "deputy__name"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "deputy"], name="notice_reply_once_per_deputy"),
            # Only a request for leave is decided, and a request for leave always gives its reason.
            models.CheckConstraint(condition=Q(answer="leave") | Q(leave_decision=""),
                                   name="notice_reply_decision_only_for_leave"),
            models.CheckConstraint(condition=~Q(answer="leave") | (~Q(leave_reason="") & ~Q(leave_decision="")),
                                   name="notice_reply_leave_has_reason"),
        ]
        # The absence rule asks, for each absence, whether that deputy had leave approved.
        indexes = [models.Index(fields=["deputy", "notice"], condition=Q(answer="leave", leave_decision="approved"),
                                name="reply_leave_approved_idx")]

    def __str__(self):
        return f"{self.deputy}: {self.get_answer_display()}"


class AbsenceFlag(models.Model):
    """A deputy found absent without approved leave at two sessions of the term (代表法 Art. 62:
    未经批准两次不出席本级人民代表大会会议的，其代表资格终止). Staff are told once per deputy and
    term; this row is what makes the telling happen only once."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="absence_flags")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="absence_flags")
    absences = models.PositiveSmallIntegerField(_("sessions missed without approved leave"))
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence-rule flag")
        verbose_name_plural = _("absence-rule flags")
        ordering = ["term", "deputy__name"]
        constraints = [models.UniqueConstraint(fields=["term", "deputy"], name="absence_flag_once_per_term")]

    def __str__(self):
        return f"{self.deputy} · {self.term}"


# The rows whose changes show on their parent's history card (core/history.py).
history_children("congress.Meeting", Child("congress.AgendaItem", "meeting"),
                 Child("congress.Vote", "agenda_item__meeting"), Child("congress.MeetingNotice", "meeting"),
                 Child("congress.Attendance", "meeting", creations=False),
                 Child("congress.NoticeReply", "notice__meeting", creations=False))

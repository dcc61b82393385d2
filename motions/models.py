"""Suggestions and motions (SPEC §4): what deputies submit, how staff review and assign it, how
units answer, and how deputies rate the answer.

The status of an item is stored (workflow.py holds the allowed moves); every move is an Event
row with who, when and why, which is also the item's timeline.
"""
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from congress.models import Meeting
from core.files import RandomName
from core.history import Child, HistoricalRecords, history_children
from core.models import HandlingUnit
from deputies.models import Deputy, ReceptionMatter


class Category(models.Model):
    """Content category (经济发展、城乡建设、农业农村…), configurable by staff."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ResultClass(models.Model):
    """Result class of a reply: A 已解决或采纳 / B 正在解决或列入计划 / C 因条件限制暂时无法解决 by
    default; provinces differ (some add D 留作参考), so staff configure them."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=50)
    needs_promise_date = models.BooleanField(
        _("needs a promised date"), default=False,
        help_text=_("Items answered with this class stay on the follow-up list until the promised work is done."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("result class")
        verbose_name_plural = _("result classes")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class HandlingRules(models.Model):
    """The periods of handling, one row, editable by staff. Defaults follow the Deputies Law
    (Art. 51: answer within three months of assignment, six for complex items) and common
    provincial rules (a misassigned item returned within 7 working days; co-units' opinion to the
    lead unit within one month; a re-handled item answered again within one month)."""

    class DueRule(models.TextChoices):
        CALENDAR_MONTHS = "calendar_months", _("Calendar months")
        WORKING_DAYS = "working_days", _("Working days")

    due_rule = models.CharField(_("due-date rule"), max_length=20, choices=DueRule.choices,
                                default=DueRule.CALENDAR_MONTHS)
    months_normal = models.PositiveSmallIntegerField(_("months to answer"), default=3)
    months_complex = models.PositiveSmallIntegerField(_("months to answer a complex item"), default=6)
    working_days_normal = models.PositiveSmallIntegerField(_("working days to answer"), default=60)
    working_days_complex = models.PositiveSmallIntegerField(_("working days to answer a complex item"), default=120)
    return_working_days = models.PositiveSmallIntegerField(_("working days to return a misassigned item"), default=7)
    co_unit_opinion_months = models.PositiveSmallIntegerField(_("months for a co-unit's opinion"), default=1)
    rehandle_months = models.PositiveSmallIntegerField(_("months to answer again after re-handling"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handling rules")
        verbose_name_plural = _("handling rules")

    def __str__(self):
        return str(_("Handling rules"))

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion, criticism or opinion")
        MOTION = "motion", _("Motion")

    class Source(models.TextChoices):
        DEPUTY = "deputy", _("Deputy")
        RECEPTION = "reception", _("Voters at a contact platform")
        LETTER_VISIT = "letter_visit", _("Letter or visit to the presidium")

    class TabledBy(models.TextChoices):
        DEPUTIES = "deputies", _("Five or more deputies jointly")
        PRESIDIUM = "presidium", _("The presidium")
        GOVERNMENT = "government", _("The township government")

    class Period(models.TextChoices):
        DURING_SESSION = "during_session", _("During a session")
        BETWEEN_SESSIONS = "between_sessions", _("Between sessions")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        NOT_ACCEPTED = "not_accepted", _("Not accepted (kept for reference)")
        MERGED = "merged", _("Merged into another")
        ACCEPTED = "accepted", _("Accepted")
        ASSIGNED = "assigned", _("Assigned")
        REPLIED = "replied", _("Replied")
        REHANDLING = "rehandling", _("Being handled again")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUGGESTION)
    source = models.CharField(_("source"), max_length=15, choices=Source.choices, default=Source.DEPUTY)
    tabled_by = models.CharField(
        _("motion tabled by"), max_length=12, choices=TabledBy.choices, default=TabledBy.DEPUTIES,
        help_text=_("A motion comes from five or more deputies, the presidium or the township government "
                    "(Organic Law Art. 22)."),
    )
    period = models.CharField(_("when raised"), max_length=20, choices=Period.choices,
                              default=Period.BETWEEN_SESSIONS)
    session = models.ForeignKey(Meeting, verbose_name=_("session"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="suggestions",
                                limit_choices_to={"kind": Meeting.Kind.SESSION})
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True,
                                              help_text=_("Given on acceptance: 8 in 2026-008."))
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    category = models.ForeignKey(Category, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="suggestions")
    proposer = models.ForeignKey(Deputy, verbose_name=_("proposer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="suggestions")
    reception_matter = models.OneToOneField(ReceptionMatter, verbose_name=_("matter raised at a reception"),
                                            null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="suggestion")
    petitioner = models.CharField(_("letter writer or visitor"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAFT)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged_items")
    is_complex = models.BooleanField(_("complex"), default=False,
                                     help_text=_("Wide in scope or hard to handle: six months to answer."))
    is_key = models.BooleanField(_("key item (重点督办)"), default=False)
    key_leader = models.ForeignKey(Deputy, verbose_name=_("presidium member leading it"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="key_suggestions")
    assigned_at = models.DateField(_("assigned on"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suggestion or motion")
        verbose_name_plural = _("suggestions and motions")
        ordering = ["-year", "number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], condition=Q(number__isnull=False),
                                    name="suggestion_number_unique_in_year"),
            models.CheckConstraint(condition=Q(merged_into__isnull=True) | Q(status="merged"),
                                   name="only_merged_items_point_elsewhere"),
            models.CheckConstraint(condition=Q(source="letter_visit") | Q(proposer__isnull=False),
                                   name="suggestion_has_proposer"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="suggestion_status_due_idx"),
            # The office's list of every item and the public list, in their order (ITEM_ORDER), so
            # that a page is read from the index instead of sorting the items of every year.
            models.Index(fields=["-year", "number", "-id"], condition=~Q(status="draft"),
                         name="suggestion_received_order_idx"),
            models.Index(fields=["-year", "number", "-id"], condition=Q(is_published=True) & ~Q(status="draft"),
                         name="suggestion_published_order_idx"),
            # The review queue: the submitted items, the oldest first; the accepted ones waiting longest.
            models.Index(fields=["submitted_at", "id"], condition=Q(status="submitted"),
                         name="suggestion_queue_order_idx"),
            models.Index(fields=["year", "number", "id"], condition=Q(status="accepted"),
                         name="suggestion_to_assign_order_idx"),
            # What deputies submitted in a year (their performance record and the table of all of them).
            models.Index(fields=["submitted_at"], condition=~Q(status="draft"), name="suggestion_submitted_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.number else self.title

    @property
    def reference(self):
        """The number staff give on acceptance: 2026-008."""
        return f"{self.year}-{self.number:03d}" if self.number else ""


class NumberSequence(models.Model):
    """The last number given in a year; locked while the next one is taken, so two staff
    accepting at the same moment never get the same number."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveSmallIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class CoSigner(models.Model):
    """A deputy invited to sign an item jointly (联名); counts only once confirmed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="cosigners")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="cosigned")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        ordering = ["suggestion", "pk"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosigner_once")]

    def __str__(self):
        return f"{self.deputy} · {self.get_status_display()}"


class Attachment(models.Model):
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="attachments")
    file = models.FileField(_("file"), upload_to=RandomName("motions/attachments"))
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["suggestion", "pk"]

    def __str__(self):
        return self.name


class Assignment(models.Model):
    """交办 of an item to one unit, as lead (主办) or co-unit (协办)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead unit")
        CO = "co", _("Co-unit")

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned, not acknowledged")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RETURNED = "returned", _("Returned as not theirs")
        OPINION_SENT = "opinion_sent", _("Opinion sent to the lead unit")
        REPLIED = "replied", _("Replied")

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="assignments")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("handling unit"), on_delete=models.PROTECT,
                             related_name="assignments")
    role = models.CharField(_("role"), max_length=5, choices=Role.choices)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.ASSIGNED)
    assigned_at = models.DateField(_("assigned on"))
    due_date = models.DateField(_("due date"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    opinion = models.TextField(_("co-unit's opinion"), blank=True)
    opinion_sent_at = models.DateTimeField(_("opinion sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["suggestion", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "unit"], condition=~Q(status="returned"),
                                    name="assignment_once_per_unit"),
            models.UniqueConstraint(fields=["suggestion"], condition=Q(role="lead") & ~Q(status="returned"),
                                    name="one_lead_unit"),
            models.CheckConstraint(condition=Q(due_date__gte=F("assigned_at")), name="assignment_due_after_assigned"),
        ]
        indexes = [
            # A unit's list of its live items in its order: to acknowledge first, then by due date
            # (motions.selectors.unit), read a page at a time from the index.
            models.Index(F("unit"), Case(When(status="assigned", then=Value(0)), default=Value(1)), F("due_date"),
                         F("id"), condition=~Q(status="returned"), name="assignment_unit_order_idx"),
        ]

    def __str__(self):
        return f"{self.suggestion} → {self.unit} ({self.get_role_display()})"


class Contact(models.Model):
    """联系沟通: the unit's contact with the deputy while handling."""

    class Way(models.TextChoices):
        PHONE = "phone", _("Phone call")
        VISIT = "visit", _("Home visit")
        MEETING = "meeting", _("Face-to-face meeting")
        SITE = "site", _("On-site inspection together")

    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE,
                                   related_name="contacts")
    date = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=10, choices=Way.choices)
    note = models.TextField(_("what was discussed"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact with the deputy")
        verbose_name_plural = _("contacts with the deputy")
        ordering = ["assignment", "date", "pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_way_display()}"


class Reply(models.Model):
    """答复: the lead unit's written answer, signed by its head; round 2 answers a re-handling."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="replies")
    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT,
                                   related_name="replies")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    result_class = models.ForeignKey(ResultClass, verbose_name=_("result class"), on_delete=models.PROTECT,
                                     related_name="replies")
    text = models.TextField(_("reply"))
    letter = models.FileField(_("signed reply letter"), upload_to=RandomName("motions/letters"), blank=True)
    signed_by = models.CharField(_("signed by (head of unit)"), max_length=50)
    promised_date = models.DateField(_("promised date"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    replied_on = models.DateField(_("replied on"))
    promise_kept_on = models.DateField(_("promise reported kept on"), null=True, blank=True)
    promise_report = models.TextField(_("report on the promised work"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["suggestion", "round"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "round"], name="reply_once_per_round")]

    def __str__(self):
        return f"{self.suggestion} · {self.result_class.code}"

    @property
    def on_time(self):
        return self.replied_on <= self.due_date


class Rating(models.Model):
    """The deputy's rating of a reply (满意 / 基本满意 / 不满意)."""

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    reply = models.OneToOneField(Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="rating")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="ratings")
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return self.get_satisfaction_display()


class Event(models.Model):
    """One step of an item's life: who did what, when, and why. Append-only; the timeline."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from status"), max_length=15, blank=True)
    to_status = models.CharField(_("to status"), max_length=15, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("handling unit"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["suggestion", "at", "pk"]

    def __str__(self):
        return f"{self.suggestion} · {self.action}"


# The rows whose changes show on their parent's history card (core/history.py).
history_children("motions.Suggestion", Child("motions.CoSigner", "suggestion"),
                 Child("motions.Attachment", "suggestion"), Child("motions.Assignment", "suggestion"),
                 Child("motions.Contact", "assignment__suggestion"), Child("motions.Reply", "suggestion"),
                 Child("motions.Rating", "reply__suggestion"))

"""Supervision (SPEC §5): the presidium's activities between sessions, the rectification items
they produce, satisfaction votes, trainings and study visits, and research reports.

    Activity ──units concerned──▶ HandlingUnit          (视察、执法检查、专题调研、专项工作报告…)
       │ leader, participants ──▶ Deputy               (feeds the deputies' duty records)
       │ follows ──▶ Activity                           (回头看 of an earlier activity)
       ├── ActivityFile (photos and documents)
       ├── SatisfactionVote (满意度测评 tallies, result computed by supervision.rules)
       └── RectificationItem ──unit──▶ HandlingUnit    (整改事项, chased by core.chase)
              ├── RectificationReport ── RectificationFile   (the unit's progress, text and files)
              └── RectificationEvent                          (the timeline: who, when, what)
    Training (学习培训 / 考察学习) ── attendees ──▶ Deputy; TrainingMaterial
    ResearchReport (调研报告) ── author ──▶ Deputy; from an Activity

Statuses move only through supervision.workflow's tables; the services record every move.
"""
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from core.files import RandomName
from core.history import Child, HistoricalRecords, history_children
from core.models import HandlingUnit
from deputies.models import Deputy


class Activity(models.Model):
    """One supervision activity of the presidium (SPEC §5), planned ahead and then held."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Hearing and review of a special work report")  # 听取和审议专项工作报告
        INSPECTION = "inspection", _("Inspection")  # 视察
        LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement inspection")  # 执法检查
        SURVEY = "survey", _("Thematic survey")  # 专题调研
        EVALUATION = "evaluation", _("Work evaluation")  # 工作评议 / 满意度测评
        INQUIRY = "inquiry", _("Inquiry")  # 询问
        FOLLOW_UP = "follow_up", _("Follow-up inspection")  # 回头看

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start date"), help_text=_("While planned, the date it is planned for."))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    units = models.ManyToManyField(HandlingUnit, verbose_name=_("units concerned"), blank=True,
                                   related_name="supervision_activities")
    leader = models.ForeignKey(Deputy, verbose_name=_("led by"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="led_supervision_activities",
                               help_text=_("The presidium member who leads the activity."))
    participants = models.ManyToManyField(Deputy, verbose_name=_("deputies who took part"), blank=True,
                                          related_name="supervision_activities")
    follows = models.ForeignKey("self", verbose_name=_("follows up"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="follow_ups",
                                help_text=_("For a follow-up inspection: the earlier activity it checks on."))
    plan_note = models.TextField(_("plan"), blank=True, help_text=_("What the year's work plan says of it."))
    summary = models.TextField(_("what was done"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    opinion_text = models.TextField(_("opinions sent to the government"), blank=True,
                                    help_text=_("审议意见 or 视察意见, as sent."))
    opinion_file = models.FileField(_("opinion document"), upload_to=RandomName("supervision/opinions"), blank=True)
    opinion_sent_on = models.DateField(_("opinions sent on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=["units", "participants"])

    class Meta:
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["status", "start_date"], name="activity_status_start"),
                   models.Index(fields=["start_date"], name="activity_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_dates_ordered"),
            models.CheckConstraint(condition=~Q(kind="follow_up") | Q(follows__isnull=False),
                                   name="follow_up_names_earlier_activity"),
        ]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.get_kind_display()}：{self.topic}"


class ActivityFile(models.Model):
    """A photo or a document of an activity (its report, the notes taken, the opinion's annex)."""

    activity = models.ForeignKey(Activity, verbose_name=_("supervision activity"), on_delete=models.CASCADE,
                                 related_name="files")
    file = models.FileField(_("file"), upload_to=RandomName("supervision/activities"))
    name = models.CharField(_("file name"), max_length=200)
    is_photo = models.BooleanField(_("photo"), default=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity file")
        verbose_name_plural = _("activity files")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.name


class SatisfactionVote(models.Model):
    """满意度测评 of a government office or a special work report: the tallies and the result.

    The result is never typed: supervision.rules.vote_result computes it from the tallies and the
    database checks that the stored result is the one the rule gives.
    """

    class Result(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    activity = models.ForeignKey(Activity, verbose_name=_("supervision activity"), on_delete=models.CASCADE,
                                 related_name="satisfaction_votes")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("unit evaluated"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="satisfaction_votes")
    subject = models.CharField(_("what was evaluated"), max_length=200,
                               help_text=_("The office or the report voted on, as it appears on the ballot."))
    held_on = models.DateField(_("voted on"))
    ballots = models.PositiveSmallIntegerField(_("ballots issued"))
    satisfied = models.PositiveSmallIntegerField(_("satisfied"), default=0)
    basically_satisfied = models.PositiveSmallIntegerField(_("basically satisfied"), default=0)
    unsatisfied = models.PositiveSmallIntegerField(_("unsatisfied"), default=0)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("satisfaction vote")
        verbose_name_plural = _("satisfaction votes")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(F("satisfied") + F("basically_satisfied") + F("unsatisfied"), F("ballots")),
                name="satisfaction_tallies_within_ballots"),
            # 满意和基本满意票之和超过发出票数的半数为满意 (supervision.rules.vote_result).
            models.CheckConstraint(
                condition=(Q(result="satisfied")
                           & GreaterThan((F("satisfied") + F("basically_satisfied")) * 2, F("ballots")))
                | (Q(result="unsatisfied")
                   & LessThanOrEqual((F("satisfied") + F("basically_satisfied")) * 2, F("ballots"))),
                name="satisfaction_result_follows_rule"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.get_result_display()}"


class RectificationItem(models.Model):
    """整改事项: one problem an activity found, for one unit to put right by a deadline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To be rectified")  # 待整改
        IN_PROGRESS = "in_progress", _("Being rectified")  # 整改中
        RECTIFIED = "rectified", _("Rectified, awaiting verification")  # 已整改
        VERIFIED = "verified", _("Verified")  # 已验收
        WITHDRAWN = "withdrawn", _("Withdrawn")  # 已撤销

    activity = models.ForeignKey(Activity, verbose_name=_("supervision activity"), on_delete=models.PROTECT,
                                 related_name="rectification_items")
    problem = models.TextField(_("problem found"))
    requirement = models.TextField(_("what must be done"), blank=True)
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("responsible unit"), on_delete=models.PROTECT,
                             related_name="rectification_items")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("deadline"))
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True,
                                         help_text=_("Set when the deadline was extended (once at most)."))
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    started_at = models.DateTimeField(_("rectification started at"), null=True, blank=True)
    rectified_on = models.DateField(_("reported rectified on"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="rectification_status_deadline"),
                   models.Index(fields=["unit", "status"], name="rectification_unit_status"),
                   models.Index(fields=["assigned_on"], name="rectification_assigned_on"),
                   # The office's list: open first, then by deadline (supervision.selectors.rectification
                   # OPEN_FIRST, the same expression, statuses sorted).
                   models.Index(Case(When(status__in=["in_progress", "pending"], then=Value(0)),
                                     When(status="rectified", then=Value(1)),
                                     default=Value(2), output_field=models.IntegerField()),
                                F("deadline"), F("id"), name="rectification_open_first")]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("assigned_on")), name="rectification_deadline_after_assigned"),
            models.CheckConstraint(condition=Q(original_deadline__isnull=True) | Q(deadline__gt=F("original_deadline")),
                                   name="rectification_extension_is_later"),
        ]

    def __str__(self):
        return self.short_problem(self.problem)

    @staticmethod
    def short_problem(problem):
        """The problem on one line, cut at 40 characters: how an item is named in lists and reminders."""
        problem = " ".join(problem.split())
        return problem if len(problem) <= 40 else f"{problem[:39]}…"

    @property
    def extended(self):
        return self.original_deadline is not None


class RectificationReport(models.Model):
    """The unit's report of progress (整改进展); the completion report claims the item done."""

    item = models.ForeignKey(RectificationItem, verbose_name=_("rectification item"), on_delete=models.CASCADE,
                             related_name="reports")
    text = models.TextField(_("progress"))
    is_completion = models.BooleanField(_("reports the rectification done"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["item", "created_at", "pk"]

    def __str__(self):
        return f"{self.item} · {self.created_at:%Y-%m-%d}"


class RectificationFile(models.Model):
    report = models.ForeignKey(RectificationReport, verbose_name=_("progress report"), on_delete=models.CASCADE,
                               related_name="files")
    file = models.FileField(_("file"), upload_to=RandomName("supervision/rectification"))
    name = models.CharField(_("file name"), max_length=200)
    is_photo = models.BooleanField(_("photo"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report file")
        verbose_name_plural = _("progress report files")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.name


class RectificationEvent(models.Model):
    """One step of an item's timeline: who did what, when, and why."""

    item = models.ForeignKey(RectificationItem, verbose_name=_("rectification item"), on_delete=models.CASCADE,
                             related_name="events")
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    from_status = models.CharField(_("from status"), max_length=12, blank=True)
    to_status = models.CharField(_("to status"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rectification step")
        verbose_name_plural = _("rectification steps")
        ordering = ["item", "created_at", "pk"]

    def __str__(self):
        return f"{self.item} · {self.action}"


class Training(models.Model):
    """学习培训 or 考察学习, recorded with who attended; they count in the duty records."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training and study")  # 学习培训
        STUDY_VISIT = "study_visit", _("Study visit")  # 考察学习

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.CharField(_("organised by"), max_length=100, blank=True)
    attendees = models.ManyToManyField(Deputy, verbose_name=_("attendees"), blank=True, related_name="trainings")
    summary = models.TextField(_("summary"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=["attendees"])

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="training_dates_ordered"),
        ]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.topic}"


class TrainingMaterial(models.Model):
    training = models.ForeignKey(Training, verbose_name=_("training"), on_delete=models.CASCADE,
                                 related_name="materials")
    file = models.FileField(_("file"), upload_to=RandomName("supervision/trainings"))
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")
        ordering = ["training", "pk"]

    def __str__(self):
        return self.name


class ResearchReport(models.Model):
    """调研报告 written by a presidium member, with the activity it came from."""

    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(Deputy, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="research_reports")
    activity = models.ForeignKey(Activity, verbose_name=_("from the activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="research_reports")
    written_on = models.DateField(_("written on"))
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("report document"), upload_to=RandomName("supervision/research"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("research report")
        verbose_name_plural = _("research reports")
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return self.title


# The rows whose changes show on their parent's history card (core/history.py).
history_children("supervision.Activity", Child("supervision.ActivityFile", "activity"),
                 Child("supervision.SatisfactionVote", "activity"))
history_children("supervision.RectificationItem", Child("supervision.RectificationReport", "item"),
                 Child("supervision.RectificationFile", "report__item"))
history_children("supervision.Training", Child("supervision.TrainingMaterial", "training"))

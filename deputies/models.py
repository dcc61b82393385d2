"""Deputies (SPEC §3): the people, their mandates by level and term, their groups and platforms,
and the duty records that are theirs alone (receptions of voters, reports to voters, awards).

A deputy is a person; each mandate (Mandate) is one office at one level, with the dates it began
and ended, so the roster of any past date can be drawn: a person who resigned on 1 June counts
as in office on 31 May and not on 1 June.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import Child, HistoricalRecords, history_children
from core.validators import mobile_phone_validator

from .numerals import term_label


class Term(models.Model):
    """届: one five-year term of the township people's congress."""

    number = models.PositiveSmallIntegerField(_("term number"), unique=True, help_text=_("11 for 第十一届"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-number"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="term_dates_ordered")]

    def __str__(self):
        return term_label(self.number)

    @classmethod
    def on(cls, day):
        """The term in force on `day`, or None."""
        return cls.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-number").first()


class ElectoralDistrict(models.Model):
    """选区: deputies are elected by district; a district covers villages or parts of them."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="districts")
    number = models.PositiveSmallIntegerField(_("district number"))
    name = models.CharField(_("name"), max_length=50)
    area = models.CharField(_("area covered"), max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("electoral district")
        verbose_name_plural = _("electoral districts")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="district_number_unique_in_term"),
            models.UniqueConstraint(fields=["term", "name"], name="district_name_unique_in_term"),
        ]

    def __str__(self):
        return self.name


class Deputy(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class PoliticalStatus(models.TextChoices):
        CPC_MEMBER = "cpc_member", _("CPC member")
        CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
        CYL_MEMBER = "cyl_member", _("Communist Youth League member")
        DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
        NON_PARTY = "non_party", _("Non-party")
        MASSES = "masses", _("The masses")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("Primary school or below")
        JUNIOR = "junior", _("Junior middle school")
        SENIOR = "senior", _("Senior middle or technical school")
        COLLEGE = "college", _("Junior college")
        BACHELOR = "bachelor", _("Bachelor's degree")
        POSTGRADUATE = "postgraduate", _("Postgraduate")

    class Occupation(models.TextChoices):
        WORKER = "worker", _("Worker")
        FARMER = "farmer", _("Farmer")
        PROFESSIONAL = "professional", _("Professional or technician")
        CADRE = "cadre", _("Cadre")
        OTHER = "other", _("Other")

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True,
                                  help_text=_("Rosters often give only the month: the first of the month is stored."))
    political_status = models.CharField(_("political status"), max_length=20, choices=PoliticalStatus.choices,
                                        default=PoliticalStatus.MASSES)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation category"), max_length=20, choices=Occupation.choices,
                                  default=Occupation.FARMER)
    work_unit = models.CharField(_("work unit and post"), max_length=100, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True, validators=[mobile_phone_validator])
    district = models.ForeignKey(ElectoralDistrict, verbose_name=_("electoral district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="deputies")
    note = models.TextField(_("note"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="deputy",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "pk"]
        constraints = [
            # The roster import recognises a person by name and birth month.
            models.UniqueConstraint(
                fields=["name", "birth_date"], name="deputy_person_unique",
                violation_error_message=_("A deputy with this name and date of birth is already on the roster."),
            ),
        ]

    def __str__(self):
        return self.name


class Mandate(models.Model):
    """One office of a deputy: a level, for a term, from election to its end (资格终止)."""

    class Level(models.TextChoices):
        TOWNSHIP = "township", _("Township deputy")
        COUNTY = "county", _("County deputy")
        CITY = "city", _("City deputy")
        PROVINCE = "province", _("Provincial deputy")

    class Election(models.TextChoices):
        GENERAL = "general", _("General election")
        BY_ELECTION = "by_election", _("By-election")

    class Status(models.TextChoices):
        IN_OFFICE = "in_office", _("In office")
        RESIGNED = "resigned", _("Resigned")
        RECALLED = "recalled", _("Recalled")
        TRANSFERRED = "transferred", _("Transferred away")
        DECEASED = "deceased", _("Deceased")
        TERM_ENDED = "term_ended", _("Term ended")

    ENDED_STATUSES = (Status.RESIGNED, Status.RECALLED, Status.TRANSFERRED, Status.DECEASED, Status.TERM_ENDED)

    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE, related_name="mandates")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.TOWNSHIP)
    term = models.ForeignKey(Term, verbose_name=_("term"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="mandates", help_text=_("Required for township deputies."))
    election = models.CharField(_("how elected"), max_length=15, choices=Election.choices, default=Election.GENERAL)
    elected_on = models.DateField(_("elected on"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.IN_OFFICE)
    ended_on = models.DateField(_("ended on"), null=True, blank=True,
                                help_text=_("The first day the deputy no longer holds the office."))
    end_note = models.CharField(_("reason for ending"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["deputy", "level", "-elected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "level", "term"], name="mandate_unique_per_term",
                violation_error_message=_("The deputy already holds a mandate of this level in this term."),
            ),
            models.CheckConstraint(condition=~Q(level="township") | Q(term__isnull=False),
                                   name="township_mandate_has_term",
                                   violation_error_message=_("A township mandate needs its term.")),
            models.CheckConstraint(
                condition=(Q(status="in_office") & Q(ended_on__isnull=True))
                | (~Q(status="in_office") & Q(ended_on__isnull=False)),
                name="mandate_end_matches_status",
                violation_error_message=_("A mandate in office has no end date; an ended one must have its date."),
            ),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("elected_on")),
                                   name="mandate_dates_ordered",
                                   violation_error_message=_("A mandate cannot end before the deputy was elected.")),
        ]

    def __str__(self):
        return f"{self.deputy} · {self.get_level_display()}"


class RepresentativeGroup(models.Model):
    """代表小组: three or more deputies of an area (组织法 Art. 43)."""

    MIN_MEMBERS = 3

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("name"), max_length=50)
    area = models.CharField(_("area"), max_length=200, blank=True)
    leader = models.ForeignKey(Deputy, verbose_name=_("group leader"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="groups_led")
    members = models.ManyToManyField(Deputy, verbose_name=_("members"), related_name="groups", blank=True)
    contact_member = models.ForeignKey(
        Deputy, verbose_name=_("presidium member in contact"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="groups_contacted",
        help_text=_("The presidium member who keeps in touch with the group (主席团成员联系代表小组)."),
    )
    history = HistoricalRecords(m2m_fields=["members"])

    class Meta:
        verbose_name = _("representative group")
        verbose_name_plural = _("representative groups")
        ordering = ["term", "name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "name"], name="group_name_unique_in_term",
                                    violation_error_message=_("This term already has a group of this name.")),
        ]

    def __str__(self):
        return self.name


class GroupActivity(models.Model):
    """An activity of a representative group; some provinces expect three a year."""

    group = models.ForeignKey(RepresentativeGroup, verbose_name=_("representative group"), on_delete=models.CASCADE,
                              related_name="activities")
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    participants = models.ManyToManyField(Deputy, verbose_name=_("deputies present"), related_name="group_activities",
                                          blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(m2m_fields=["participants"])

    class Meta:
        verbose_name = _("group activity")
        verbose_name_plural = _("group activities")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"


class ContactPlatform(models.Model):
    """代表之家 / 代表联络站 / 代表联络点: the three-level "家站点" where deputies meet voters."""

    class Kind(models.TextChoices):
        HOME = "home", _("Deputies' home")
        STATION = "station", _("Contact station")
        POINT = "point", _("Contact point")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey("self", verbose_name=_("belongs to"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="children")
    address = models.CharField(_("address"), max_length=200, blank=True)
    reception_days = models.CharField(_("reception days"), max_length=100, blank=True,
                                      help_text=_("For example: the 10th of every month, 9:00–11:30"))
    duty_deputies = models.ManyToManyField(Deputy, verbose_name=_("deputies on duty"), related_name="platforms",
                                           blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=["duty_deputies"])

    class Meta:
        verbose_name = _("contact platform")
        verbose_name_plural = _("contact platforms")
        ordering = ["kind", "name"]
        constraints = [
            # The deputies' home heads the tree: stations and points hang below it.
            models.CheckConstraint(
                condition=~Q(kind="home") | Q(parent__isnull=True), name="platform_home_is_top",
                violation_error_message=_("A deputies' home is the top of the tree: it belongs to no other platform."),
            ),
        ]

    def __str__(self):
        return self.name


class VoterReception(models.Model):
    """接待选民: deputies on duty at a platform receive voters and write down what they raise."""

    date = models.DateField(_("date"))
    platform = models.ForeignKey(ContactPlatform, verbose_name=_("contact platform"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="receptions")
    deputies = models.ManyToManyField(Deputy, verbose_name=_("deputies present"), related_name="receptions")
    voters_received = models.PositiveIntegerField(_("voters received"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=["deputies"])

    class Meta:
        verbose_name = _("voter reception")
        verbose_name_plural = _("voter receptions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.platform or ''}".strip()


class ReceptionMatter(models.Model):
    """One thing voters raised at a reception; it may later become a suggestion."""

    reception = models.ForeignKey(VoterReception, verbose_name=_("voter reception"), on_delete=models.CASCADE,
                                  related_name="matters")
    raised_by = models.CharField(_("raised by"), max_length=50, blank=True, help_text=_("The voter, if they wish"))
    content = models.TextField(_("what was raised"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matter raised by voters")
        verbose_name_plural = _("matters raised by voters")
        ordering = ["reception", "pk"]

    def __str__(self):
        return self.content[:40]


class ReportToVoters(models.Model):
    """向选民述职: each deputy reports to the voters at least once per term."""

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                               related_name="reports_to_voters")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="reports_to_voters")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    voters_attending = models.PositiveIntegerField(_("voters attending"), default=0)
    rating = models.CharField(_("voters' rating"), max_length=20, choices=Rating.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report to voters")
        verbose_name_plural = _("reports to voters")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.deputy} {self.date:%Y-%m-%d}"


class DutyWeight(models.Model):
    """Points of one kind of duty activity in the performance score (履职积分), set by staff."""

    kind = models.CharField(_("activity kind"), max_length=40, unique=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1, default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty score weight")
        verbose_name_plural = _("duty score weights")
        ordering = ["kind"]

    def __str__(self):
        return f"{self.kind}: {self.points}"


class Award(models.Model):
    """An honour given to a deputy (四好代表) or a representative group (五高代表小组)."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=50, help_text=_("For example 四好代表 or 五高代表小组"))
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="awards")
    group = models.ForeignKey(RepresentativeGroup, verbose_name=_("representative group"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="awards")
    given_by = models.CharField(_("given by"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(deputy__isnull=False) ^ Q(group__isnull=False),
                                   name="award_to_deputy_or_group"),
        ]

    def __str__(self):
        return f"{self.year} {self.title}"


# The rows whose changes show on their parent's history card (core/history.py).
history_children("deputies.Deputy", Child("deputies.Mandate", "deputy"), Child("deputies.Award", "deputy"),
                 Child("deputies.ReportToVoters", "deputy"))
history_children("deputies.RepresentativeGroup", Child("deputies.GroupActivity", "group"),
                 Child("deputies.Award", "group"))
history_children("deputies.VoterReception", Child("deputies.ReceptionMatter", "reception"))

"""Every write to the deputies' records (SPEC §3): the people, their mandates, their groups, the
contact platforms and what deputies do there. Each service checks its rule, writes in one
transaction and raises ApplicationError with a message the form shows next to the field.

Mandates are never deleted: a deputy who leaves keeps the mandate with its end date and reason,
so that the roster of any past date can still be drawn.
"""
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.exceptions import ApplicationError

from .models import (
    ContactPlatform,
    Deputy,
    GroupActivity,
    Mandate,
    ReceptionMatter,
    ReportToVoters,
    RepresentativeGroup,
    Term,
    VoterReception,
)
from .selectors import deputies_in_office_any_level

# The fields of a person that deputy_create and deputy_update accept.
PERSON_FIELDS = (
    "name", "gender", "ethnicity", "birth_date", "political_status", "education", "occupation", "work_unit",
    "phone", "district", "user", "note",
)


def _today():
    return timezone.localdate()


def _date(day):
    return formats.date_format(day, "DATE_FORMAT")


def _names(deputies):
    return "、".join(str(deputy) for deputy in deputies)


def _validate(instance):
    """Run the model's field validators and constraints; the first failure becomes an ApplicationError
    naming its field, so that it reads well even on a form that does not show that field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        if field == NON_FIELD_ERRORS:
            raise ApplicationError(messages[0]) from error
        label = capfirst(instance._meta.get_field(field).verbose_name)
        raise ApplicationError(_("%(field)s: %(message)s") % {"field": label, "message": messages[0]},
                               field=field) from error


def _not_in_future(day, field="date"):
    if day > _today():
        raise ApplicationError(_("The date cannot be in the future."), field=field)


# --- people -------------------------------------------------------------------------------------

def _check_person(deputy):
    """A person is known by name and date of birth; the roster never holds the same person twice.

    The database refuses a second row with the same name and birth date; two people of the same
    name whose birth dates are both unknown cannot be told apart either, so that is refused too.
    """
    if deputy.user_id and Deputy.objects.filter(user_id=deputy.user_id).exclude(pk=deputy.pk).exists():
        raise ApplicationError(_("This login account already belongs to another deputy."), field="user")
    if deputy.birth_date is None and deputy.name and (
        Deputy.objects.filter(name=deputy.name.strip(), birth_date=None).exclude(pk=deputy.pk).exists()
    ):
        raise ApplicationError(
            _("Another deputy of this name is on the roster: enter the date of birth to tell them apart."),
            field="birth_date",
        )
    _validate(deputy)


def _mandate_create(*, deputy, level, term, election, elected_on):
    if level == Mandate.Level.TOWNSHIP:
        if term is None:
            raise ApplicationError(_("Choose the term of the township mandate."), field="term")
        if not term.start_date <= elected_on <= term.end_date:
            raise ApplicationError(
                _("The election date must fall within %(term)s (%(start)s to %(end)s).") % {
                    "term": term, "start": _date(term.start_date), "end": _date(term.end_date)},
                field="elected_on",
            )
        if deputy.pk and deputy.mandates.filter(level=level, term=term).exists():
            raise ApplicationError(
                _("%(deputy)s already holds a township mandate of %(term)s.") % {"deputy": deputy, "term": term},
            )
    else:
        term = None  # The term is the township congress's; other levels keep their own.
    if deputy.pk and deputy.mandates.filter(level=level, status=Mandate.Status.IN_OFFICE).exists():
        raise ApplicationError(
            _("%(deputy)s already holds a mandate of this level in office: end it first.") % {"deputy": deputy},
            field="level",
        )
    mandate = Mandate(deputy=deputy, level=level, term=term, election=election, elected_on=elected_on)
    _validate(mandate)
    mandate.save()
    return mandate


@transaction.atomic
def deputy_create(*, fields, actor, term=None, election=Mandate.Election.GENERAL, elected_on=None):
    """Put a person on the roster, with their township mandate of `term` when one is given.

    The phone must be a mainland mobile number; name and date of birth identify the person, so a
    second deputy with both the same is refused. The mandate starts on `elected_on`, by default the
    first day of the term (the general election).
    """
    deputy = Deputy(**{name: value for name, value in fields.items() if name in PERSON_FIELDS})
    _check_person(deputy)
    deputy.save()
    if term is not None:
        _mandate_create(deputy=deputy, level=Mandate.Level.TOWNSHIP, term=term, election=election,
                        elected_on=elected_on or term.start_date)
    return deputy


@transaction.atomic
def deputy_update(*, deputy, fields, actor):
    """Correct a deputy's personal data, by the same rules as deputy_create."""
    deputy = Deputy.objects.select_for_update().get(pk=deputy.pk)
    changed = [name for name, value in fields.items() if name in PERSON_FIELDS and getattr(deputy, name) != value]
    for name in changed:
        setattr(deputy, name, fields[name])
    _check_person(deputy)
    if changed:
        deputy.save(update_fields=[Deputy._meta.get_field(name).attname for name in changed])
    return deputy


# --- mandates -----------------------------------------------------------------------------------

@transaction.atomic
def mandate_end(*, mandate, status, ended_on, note="", actor):
    """End a mandate (资格终止): resignation, recall, transfer away, death or the end of the term.

    `ended_on` is the first day the deputy no longer holds the office; it cannot come before the
    election. Only a mandate in office can end, and it is kept with its dates, never deleted, so
    that the roster of an earlier date still shows the deputy (资格终止, 代表法 Art. 62).
    """
    mandate = Mandate.objects.select_for_update().select_related("deputy").get(pk=mandate.pk)
    if mandate.status != Mandate.Status.IN_OFFICE:
        raise ApplicationError(_("This mandate already ended on %(date)s.") % {"date": _date(mandate.ended_on)})
    if status not in Mandate.ENDED_STATUSES:
        raise ApplicationError(_("Choose why the mandate ended."), field="status")
    if ended_on is None:
        raise ApplicationError(_("Enter the date the mandate ended."), field="ended_on")
    if ended_on < mandate.elected_on:
        raise ApplicationError(
            _("The mandate cannot end before the deputy was elected on %(date)s.")
            % {"date": _date(mandate.elected_on)},
            field="ended_on",
        )
    mandate.status, mandate.ended_on, mandate.end_note = status, ended_on, (note or "").strip()
    _validate(mandate)
    mandate.save(update_fields=["status", "ended_on", "end_note"])
    return mandate


@transaction.atomic
def mandate_add(*, deputy, level, elected_on, actor, term=None, election=Mandate.Election.GENERAL):
    """Record another office of a deputy: one person may be a township, county, city and provincial
    deputy at once, but holds at most one mandate of each level at a time.

    A township mandate belongs to a term and starts within it; the election cannot be in the future.
    """
    deputy = Deputy.objects.select_for_update().get(pk=deputy.pk)
    if elected_on is None:
        raise ApplicationError(_("Enter the election date."), field="elected_on")
    _not_in_future(elected_on, "elected_on")
    return _mandate_create(deputy=deputy, level=level, term=term, election=election, elected_on=elected_on)


@transaction.atomic
def by_election(*, term, elected_on, actor, deputy=None, person=None):
    """补选: a township mandate won at a by-election during `term`, for a person already on the roster
    (`deputy`) or a new one (`person`, the fields of deputy_create).

    The by-election falls within the term and not in the future; the new deputy counts in the
    roster, the quorum and the majority from `elected_on` on, never before.
    """
    if (deputy is None) == (person is None):
        raise ApplicationError(_("Choose a deputy on the roster or enter a new person, not both."))
    if elected_on is None:
        raise ApplicationError(_("Enter the date of the by-election."), field="elected_on")
    _not_in_future(elected_on, "elected_on")
    if deputy is None:
        deputy = Deputy(**{name: value for name, value in person.items() if name in PERSON_FIELDS})
        _check_person(deputy)
        deputy.save()
    else:
        deputy = Deputy.objects.select_for_update().get(pk=deputy.pk)
    return _mandate_create(deputy=deputy, level=Mandate.Level.TOWNSHIP, term=term,
                           election=Mandate.Election.BY_ELECTION, elected_on=elected_on)


# --- representative groups ----------------------------------------------------------------------

def _check_newcomers_in_office(chosen, before, day, field, message):
    newcomers = [deputy for deputy in chosen if deputy.pk not in before]
    in_office = set(
        deputies_in_office_any_level(day).filter(pk__in=[d.pk for d in newcomers]).values_list("pk", flat=True)
    )
    out = [deputy for deputy in newcomers if deputy.pk not in in_office]
    if out:
        raise ApplicationError(message % {"names": _names(out)}, field=field)


@transaction.atomic
def group_save(*, term, name, members, leader, actor, group=None, area="", contact_member=None):
    """Create or change a representative group (代表小组).

    A group has three or more deputies (组织法 Art. 43) and a leader who is one of them. Deputies
    added to it must be in office today; members who have since left may stay on the list. The
    presidium member in contact (主席团成员联系代表小组) is a deputy chosen by the office: the
    presidium's own roll is kept by the congress records.
    """
    members = list({deputy.pk: deputy for deputy in members}.values())
    if len(members) < RepresentativeGroup.MIN_MEMBERS:
        raise ApplicationError(
            _("A representative group has at least three deputies (Organic Law, Art. 43); %(count)d chosen.")
            % {"count": len(members)}, field="members",
        )
    if leader is None:
        raise ApplicationError(_("Choose the group leader."), field="leader")
    if leader.pk not in {deputy.pk for deputy in members}:
        raise ApplicationError(_("The group leader must be one of its members."), field="leader")
    if group is None:
        group, before = RepresentativeGroup(), set()
    else:
        group = RepresentativeGroup.objects.select_for_update().get(pk=group.pk)
        before = set(group.members.values_list("pk", flat=True))
    _check_newcomers_in_office(members, before, min(_today(), term.end_date), "members",
                               _("Not in office, so they cannot join the group: %(names)s."))
    group.term, group.name, group.area = term, (name or "").strip(), (area or "").strip()
    group.leader, group.contact_member = leader, contact_member
    _validate(group)
    group.save()
    group.members.set(members)
    return group


@transaction.atomic
def group_activity_record(*, group, date, topic, participants, actor, place="", summary=""):
    """Record an activity of a representative group; the year's count is checked against the
    provincial expectation of three a year.

    The activity lies within the group's term and not in the future; those present are members
    of the group or its presidium member in contact.
    """
    _not_in_future(date)
    if not group.term.start_date <= date <= group.term.end_date:
        raise ApplicationError(_("The date must fall within the group's term."), field="date")
    participants = list({deputy.pk: deputy for deputy in participants}.values())
    if not participants:
        raise ApplicationError(_("Tick the deputies who took part."), field="participants")
    allowed = set(group.members.values_list("pk", flat=True)) | {group.contact_member_id}
    strangers = [deputy for deputy in participants if deputy.pk not in allowed]
    if strangers:
        raise ApplicationError(_("Not members of this group: %(names)s.") % {"names": _names(strangers)},
                               field="participants")
    activity = GroupActivity(group=group, date=date, topic=(topic or "").strip(), place=(place or "").strip(),
                             summary=(summary or "").strip(), recorded_by=actor)
    _validate(activity)
    activity.save()
    activity.participants.set(participants)
    return activity


# --- contact platforms --------------------------------------------------------------------------

# The "家站点" tree: which kind of platform may stand below which.
ALLOWED_PARENTS = {
    ContactPlatform.Kind.HOME: set(),
    ContactPlatform.Kind.STATION: {ContactPlatform.Kind.HOME},
    ContactPlatform.Kind.POINT: {ContactPlatform.Kind.HOME, ContactPlatform.Kind.STATION},
}


@transaction.atomic
def platform_save(*, name, kind, actor, platform=None, parent=None, address="", reception_days="",
                  duty_deputies=(), active=True):
    """Create or change a contact platform of the three-level "家站点".

    A deputies' home stands at the top; a contact station belongs to a home; a contact point to a
    station or a home. A platform with platforms below it keeps a kind they may stand under.
    Deputies newly put on duty must be in office today.
    """
    kind = ContactPlatform.Kind(kind)
    if parent is not None and parent.kind not in ALLOWED_PARENTS[kind]:
        raise ApplicationError(
            _("A %(kind)s cannot belong to a %(parent)s.") % {
                "kind": kind.label, "parent": ContactPlatform.Kind(parent.kind).label},
            field="parent",
        )
    if platform is None:
        platform, before = ContactPlatform(), set()
    else:
        platform = ContactPlatform.objects.select_for_update().get(pk=platform.pk)
        before = set(platform.duty_deputies.values_list("pk", flat=True))
        if parent is not None and parent.pk == platform.pk:
            raise ApplicationError(_("A platform cannot belong to itself."), field="parent")
        misplaced = [child for child in platform.children.all() if kind not in ALLOWED_PARENTS[child.kind]]
        if misplaced:
            raise ApplicationError(
                _("%(names)s would no longer fit below this platform: move them first.") % {"names": _names(misplaced)},
                field="kind",
            )
    duty_deputies = list({deputy.pk: deputy for deputy in duty_deputies}.values())
    _check_newcomers_in_office(duty_deputies, before, _today(), "duty_deputies",
                               _("Not in office, so they cannot be on duty: %(names)s."))
    platform.name, platform.kind, platform.parent = (name or "").strip(), kind, parent
    platform.address, platform.reception_days = (address or "").strip(), (reception_days or "").strip()
    platform.active = active
    _validate(platform)
    platform.save()
    platform.duty_deputies.set(duty_deputies)
    return platform


# --- voter receptions and reports to voters -----------------------------------------------------

@transaction.atomic
def reception_record(*, date, deputies, voters_received, actor, platform=None, summary="", matters=()):
    """Record a reception of voters (接待选民) and each thing the voters raised, as its own line.

    The deputies present must have been in office that day (at any level: county deputies living
    in the township receive voters too). The number of voters is never negative, and voters who
    raised matters were received, so matters raised with no voter received are refused.
    """
    _not_in_future(date)
    deputies = list({deputy.pk: deputy for deputy in deputies}.values())
    if not deputies:
        raise ApplicationError(_("Tick the deputies who received the voters."), field="deputies")
    in_office = set(deputies_in_office_any_level(date).filter(pk__in=[d.pk for d in deputies])
                    .values_list("pk", flat=True))
    out = [deputy for deputy in deputies if deputy.pk not in in_office]
    if out:
        raise ApplicationError(
            _("Not deputies in office on %(date)s: %(names)s.") % {"date": _date(date), "names": _names(out)},
            field="deputies",
        )
    if voters_received is None or voters_received < 0:
        raise ApplicationError(_("Enter the number of voters received (0 or more)."), field="voters_received")
    lines = [
        {"raised_by": (line.get("raised_by") or "").strip(), "content": (line.get("content") or "").strip()}
        for line in matters
    ]
    if any(not line["content"] for line in lines):
        raise ApplicationError(_("Each matter needs what the voters raised."))
    if lines and voters_received == 0:
        raise ApplicationError(_("Matters were raised, so at least one voter was received."),
                               field="voters_received")
    reception = VoterReception(date=date, platform=platform, voters_received=voters_received,
                               summary=(summary or "").strip(), recorded_by=actor)
    _validate(reception)
    reception.save()
    reception.deputies.set(deputies)
    bulk_create_with_history([ReceptionMatter(reception=reception, **line) for line in lines], ReceptionMatter,
                             default_user=actor)
    return reception


@transaction.atomic
def report_to_voters_record(*, deputy, date, actor, place="", voters_attending=0, rating="", summary=""):
    """Record a deputy's report to the voters (向选民述职); each deputy reports at least once per term.

    The report belongs to the term in force on its date, in which the deputy held a township
    mandate in office that day; it cannot be dated in the future.
    """
    _not_in_future(date)
    term = Term.on(date)
    if term is None:
        raise ApplicationError(_("No term of the congress was in force on that date."), field="date")
    mandate = deputy.mandates.filter(level=Mandate.Level.TOWNSHIP, term=term).first()
    if mandate is None or mandate.elected_on > date or (mandate.ended_on is not None and mandate.ended_on <= date):
        raise ApplicationError(
            _("%(deputy)s was not a township deputy in office on %(date)s.") % {"deputy": deputy, "date": _date(date)},
            field="deputy",
        )
    if voters_attending is None or voters_attending < 0:
        raise ApplicationError(_("Enter the number of voters attending (0 or more)."), field="voters_attending")
    report = ReportToVoters(deputy=deputy, term=term, date=date, place=(place or "").strip(),
                            voters_attending=voters_attending, rating=rating or "",
                            summary=(summary or "").strip(), recorded_by=actor)
    _validate(report)
    report.save()
    return report

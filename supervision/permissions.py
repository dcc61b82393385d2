"""Who may see and do what with supervision records (SPEC §1, §5).

- The chairman, presidium members and staff read everything. The chairman and staff manage
  every record; a presidium member records the activities they lead (SPEC §1 "record meetings
  and supervision they lead") and writes research reports of their own.
- A deputy sees the activities they led or took part in, the trainings they attended and the
  research reports they wrote, with the rectification items of those activities, read only.
- A unit officer sees only their own unit's rectification items, with the activity's topic and
  the opinions sent to the government shown on the item.

An object the user may not see answers 404, as if it did not exist (core.permissions).
"""
from core.permissions import get_object_for_user_or_404
from core.roles import Role

from .models import Activity, ActivityFile, RectificationFile, RectificationItem, ResearchReport, Training


def deputy_of(user):
    return getattr(user, "deputy", None) if user.is_authenticated else None


def _took_part(deputy, activity):
    return deputy is not None and (
        activity.leader_id == deputy.pk or activity.participants.filter(pk=deputy.pk).exists()
    )


# --- activities ---------------------------------------------------------------------------------

def can_view_activity(user, activity):
    return user.reads_all or _took_part(deputy_of(user), activity)


def can_manage_activity(user, activity):
    """Office staff and the chairman; the presidium member who leads it."""
    if user.is_office:
        return True
    deputy = deputy_of(user)
    return (user.has_role(Role.PRESIDIUM_MEMBER) and deputy is not None and activity is not None
            and activity.leader_id == deputy.pk)


def can_create_activity(user):
    return user.is_office or user.has_role(Role.PRESIDIUM_MEMBER)


def can_view_activity_file(user, activity_file):
    return can_view_activity(user, activity_file.activity)


# --- rectification items ------------------------------------------------------------------------

def is_officer_of(user, unit_id):
    return user.is_authenticated and user.has_role(Role.UNIT_OFFICER) and user.handling_unit_id == unit_id


def can_view_item(user, item):
    if user.reads_all or is_officer_of(user, item.unit_id):
        return True
    return _took_part(deputy_of(user), item.activity)


def can_handle_item(user, item):
    """The unit's side of the item: start, report progress, report it done."""
    return is_officer_of(user, item.unit_id)


def can_manage_item(user, item):
    """The office's side: create, edit, verify, send back, extend, withdraw."""
    return user.is_office


def can_view_rectification_file(user, rectification_file):
    return can_view_item(user, rectification_file.report.item)


# --- trainings and research reports -------------------------------------------------------------

def can_view_training(user, training):
    deputy = deputy_of(user)
    return user.reads_all or (deputy is not None and training.attendees.filter(pk=deputy.pk).exists())


def can_manage_training(user, training):
    return user.is_office


def can_view_research_report(user, report):
    deputy = deputy_of(user)
    return user.reads_all or (deputy is not None and report.author_id == deputy.pk)


def can_manage_research_report(user, report):
    """The office, and the presidium member who wrote it."""
    deputy = deputy_of(user)
    return user.is_office or (deputy is not None and report.author_id == deputy.pk
                              and user.has_role(Role.PRESIDIUM_MEMBER))


# --- fetching -----------------------------------------------------------------------------------

def get_activity_for_user_or_404(user, pk):
    queryset = Activity.objects.select_related("leader", "follows")
    return get_object_for_user_or_404(user, queryset, can_view_activity, pk=pk)


def get_activity_for_manager_or_404(user, pk):
    queryset = Activity.objects.select_related("leader", "follows")
    return get_object_for_user_or_404(user, queryset, can_manage_activity, pk=pk)


def get_activity_file_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, ActivityFile.objects.select_related("activity"),
                                      can_view_activity_file, pk=pk)


def get_item_for_user_or_404(user, pk):
    queryset = RectificationItem.objects.select_related("activity__leader", "unit", "verified_by")
    return get_object_for_user_or_404(user, queryset, can_view_item, pk=pk)


def get_item_for_unit_or_404(user, pk):
    queryset = RectificationItem.objects.select_related("activity__leader", "unit", "verified_by")
    return get_object_for_user_or_404(user, queryset, can_handle_item, pk=pk)


def get_rectification_file_for_user_or_404(user, pk):
    queryset = RectificationFile.objects.select_related("report__item__activity")
    return get_object_for_user_or_404(user, queryset, can_view_rectification_file, pk=pk)


def get_training_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, Training, can_view_training, pk=pk)


def get_research_report_for_user_or_404(user, pk):
    queryset = ResearchReport.objects.select_related("author", "activity")
    return get_object_for_user_or_404(user, queryset, can_view_research_report, pk=pk)

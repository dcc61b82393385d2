"""Who may see and change the deputies' records (SPEC §1).

Chairman, presidium members and staff read every record; chairman and staff manage them. A
deputy reads their own record, the groups they belong to and the receptions they took part in,
and nothing of another deputy: any other object answers 404, as if it did not exist.
"""
from core.permissions import get_object_for_user_or_404

from .models import ContactPlatform, Deputy, Mandate, RepresentativeGroup, VoterReception


def can_view_deputy(user, deputy):
    return user.reads_all or (deputy.user_id is not None and deputy.user_id == user.pk)


def can_manage_deputies(user):
    return user.is_office


def can_view_group(user, group):
    return user.reads_all or group.members.filter(user=user).exists()


def can_view_platform(user, platform):
    return user.reads_all


def can_view_reception(user, reception):
    return user.reads_all or reception.deputies.filter(user=user).exists()


def _manages(user, obj):
    return can_manage_deputies(user)


def get_deputy_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, Deputy.objects.select_related("district", "user"), can_view_deputy, pk=pk)


def get_deputy_to_manage_or_404(user, pk):
    return get_object_for_user_or_404(user, Deputy.objects.select_related("district"), _manages, pk=pk)


def get_mandate_to_manage_or_404(user, pk):
    return get_object_for_user_or_404(user, Mandate.objects.select_related("deputy", "term"), _manages, pk=pk)


def get_group_for_user_or_404(user, pk):
    queryset = RepresentativeGroup.objects.select_related("term", "leader", "contact_member")
    return get_object_for_user_or_404(user, queryset, can_view_group, pk=pk)


def get_group_to_manage_or_404(user, pk):
    return get_object_for_user_or_404(user, RepresentativeGroup.objects.select_related("term"), _manages, pk=pk)


def get_platform_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, ContactPlatform.objects.select_related("parent"), can_view_platform, pk=pk)


def get_platform_to_manage_or_404(user, pk):
    return get_object_for_user_or_404(user, ContactPlatform, _manages, pk=pk)


def get_reception_for_user_or_404(user, pk):
    queryset = VoterReception.objects.select_related("platform", "recorded_by")
    return get_object_for_user_or_404(user, queryset, can_view_reception, pk=pk)

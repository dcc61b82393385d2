"""Photos and documents of an activity: several at once, each checked by its first bytes, kept
whole or not at all, removed by those who manage the activity, served only to those who may see it."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.exceptions import ApplicationError
from supervision.models import ActivityFile
from supervision.services import activities as services
from tests.supervision.factories import ActivityFactory

from .test_activity_support import (  # noqa: F401 - fixtures
    JPEG,
    PDF,
    PNG,
    deputy_account,
    english_messages,
    media,
    member_account,
    presidium_deputy,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "english_messages", "media")]


def test_several_photos_and_documents_are_added_at_once(staff_user):
    activity = ActivityFactory()
    added = services.activity_files_add(activity=activity, actor=staff_user, caption=" 现场察看 ", uploads=[
        upload("现场1.jpg", JPEG), upload("现场2.PNG", PNG), upload("汇报材料.pdf", PDF)])
    assert [(f.name, f.is_photo, f.caption) for f in added] == [
        ("现场1.jpg", True, "现场察看"), ("现场2.PNG", True, "现场察看"), ("汇报材料.pdf", False, "现场察看")]
    assert all(f.uploaded_by == staff_user for f in added)


def test_a_batch_with_one_bad_file_is_refused_whole(staff_user):
    activity = ActivityFactory()
    with pytest.raises(ApplicationError) as caught:
        services.activity_files_add(activity=activity, actor=staff_user,
                                    uploads=[upload("现场.jpg", JPEG), upload("病毒.jpg", b"MZ\x90\x00 not a jpeg")])
    assert caught.value.field == "files" and "病毒.jpg" in caught.value.message
    assert not ActivityFile.objects.exists()


def test_a_file_of_a_kind_not_accepted_is_refused(staff_user):
    with pytest.raises(ApplicationError, match="cannot be used"):
        services.activity_files_add(activity=ActivityFactory(), actor=staff_user, uploads=[upload("表.xlsx", b"PK")])


def test_at_least_one_file_is_needed(staff_user):
    with pytest.raises(ApplicationError) as caught:
        services.activity_files_add(activity=ActivityFactory(), actor=staff_user, uploads=[])
    assert caught.value.field == "files"


def test_only_those_who_manage_the_activity_add_or_remove_files():
    user, deputy = member_account()
    other = ActivityFactory(leader=presidium_deputy())
    with pytest.raises(ApplicationError, match="Only the office"):
        services.activity_files_add(activity=other, actor=user, uploads=[upload("a.jpg", JPEG)])
    own = ActivityFactory(leader=deputy)
    [photo] = services.activity_files_add(activity=own, actor=user, uploads=[upload("a.jpg", JPEG)])
    foreign = ActivityFile.objects.create(activity=other, file=ContentFile(JPEG, name="b.jpg"), name="b.jpg")
    with pytest.raises(ApplicationError):
        services.activity_file_delete(activity_file=foreign, actor=user)
    services.activity_file_update(activity_file=photo, actor=user, caption="村道")
    assert ActivityFile.objects.get(pk=photo.pk).caption == "村道"


def test_removing_a_file_removes_the_stored_file_too(staff_user, media, django_capture_on_commit_callbacks):
    [photo] = services.activity_files_add(activity=ActivityFactory(), actor=staff_user, uploads=[upload("a.jpg", JPEG)])
    stored = media / photo.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_file_delete(activity_file=photo, actor=staff_user)
    assert not ActivityFile.objects.exists() and not stored.exists()


# --- served through an access check ---------------------------------------------------------------

def _photo(activity):
    return ActivityFile.objects.create(activity=activity, file=ContentFile(JPEG, name="p.jpg"), name="p.jpg",
                                       is_photo=True)


def test_a_photo_is_served_to_the_office_and_to_the_deputies_who_took_part(client, staff_user):
    deputy_user, deputy = deputy_account()
    photo = _photo(ActivityFactory(participants=[deputy]))
    url = reverse("supervision:activity_file", args=[photo.pk])
    for user in (staff_user, deputy_user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == JPEG


def test_a_photo_is_not_served_to_a_deputy_who_did_not_take_part_nor_to_a_unit(client, unit_officer):
    photo = _photo(ActivityFactory())
    for user in (deputy_account()[0], unit_officer):
        client.force_login(user)
        assert client.get(reverse("supervision:activity_file", args=[photo.pk])).status_code == 404


def test_the_opinion_document_is_served_with_the_activity(client, presidium_member, unit_officer):
    activity = ActivityFactory()
    activity.opinion_file.save("意见.pdf", ContentFile(PDF))
    url = reverse("supervision:activity_opinion_file", args=[activity.pk])
    client.force_login(presidium_member)
    assert client.get(url).status_code == 200
    client.force_login(unit_officer)
    assert client.get(url).status_code == 404


def test_an_activity_without_an_opinion_document_answers_not_found(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("supervision:activity_opinion_file", args=[ActivityFactory().pk])).status_code == 404

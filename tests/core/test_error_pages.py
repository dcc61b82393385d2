"""A refused or missing page tells the user plainly, in the portal's layout, and offers the way back."""
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_of_another_role_answers_403_with_the_way_back(client, deputy_user):
    client.force_login(deputy_user)
    response = client.get(reverse("supervision:item_list"))
    assert response.status_code == 403
    content = response.content.decode()
    assert 'data-error="403"' in content and "您的账号无权打开此页" in content
    assert f'href="{reverse("dashboard")}"' in content


def test_a_missing_page_answers_404_in_the_layout(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("supervision:item_detail", args=[999999]))
    assert response.status_code == 404
    assert 'data-error="404"' in response.content.decode() and "页面不存在" in response.content.decode()


def test_the_server_error_page_needs_no_request_context():
    html = render_to_string("500.html")
    assert "系统暂时出错" in html and "{%" not in html

"""A double click on a form's button sends the form once (static/js/submit-once.js), and the
server would create one record even if it came twice (core.concurrency.submit_once)."""
import re

from core.roles import Role
from motions.models import Suggestion
from tests.factories import PASSWORD, DeputyFactory, user_with_role

from .conftest import sign_in


def test_double_clicking_save_on_a_new_suggestion_creates_one_record(phone_page, live_server):
    user = user_with_role(Role.DEPUTY, username="zhangdefu", name="张德福", phone="13907310004")
    deputy = DeputyFactory(name="张德福", user=user)
    page = phone_page
    sign_in(page, live_server, "13907310004", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/suggestions/my/new/")
    page.wait_for_selector("form[data-form=suggestion]")
    page.fill("input[name=title]", "关于修缮青山村至石桥组机耕道的建议")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    # Two clicks as an impatient thumb gives them: the second after the first has sent the form.
    button = page.locator("button[name=action][value=save]")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(40)
    page.mouse.click(x, y)

    page.wait_for_url(re.compile(r"/suggestions/my/\d+/$"))
    assert Suggestion.objects.filter(proposer=deputy).count() == 1
    item = Suggestion.objects.get(proposer=deputy)
    assert page.url == f"{live_server.url}/suggestions/my/{item.pk}/"
    assert posts == [f"{live_server.url}/suggestions/my/new/"]  # the second click sent nothing

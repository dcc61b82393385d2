"""What the office's views share: a service's refusal put back on its form, and the item page
with the action panels its status allows."""
from django.shortcuts import render

from core.forms import run_service

from ... import workflow
from ...models import Assignment, Suggestion
from ...selectors import office as selectors
from ...services.review import close_allowed_from, today
from .forms import (
    AcceptForm,
    AssignForm,
    CloseForm,
    ExtendForm,
    KeyForm,
    MergeHereForm,
    MergeIntoForm,
    NotAcceptForm,
    ReturnForm,
)

S = Suggestion.Status
A = workflow.Action
# What the item page shows of the item's own links, read with it.
ITEM_RELATED = ("proposer", "session", "category", "key_leader", "merged_into")




def merge_forms(item, similar, data=None, merged=None):
    """(merge-into form or None, merge-here form or None) for `item`, bound to `data` when given.
    `merged`: the items merged into `item`, when already read."""
    into = here = None
    if workflow.can_transition(item.status, A.MERGE) and not (
            bool(merged) if merged is not None else item.merged_items.exists()):
        targets = selectors.merge_target_choices(item, similar)
        if targets:
            into = MergeIntoForm(data, targets=targets)
    candidates = selectors.mergeable_duplicates(item, similar)
    if candidates:
        here = MergeHereForm(data, candidates=candidates)
    return into, here


def _panels(item, detail, close_from):
    """The unbound form of every action the item's status allows now, by panel name."""
    panels = {}
    if workflow.can_transition(item.status, A.ACCEPT):
        panels["accept"] = AcceptForm(initial={"category": item.category_id, "is_complex": item.is_complex})
        panels["return"] = ReturnForm()
        panels["not_accept"] = NotAcceptForm()
    panels["merge_into"], panels["merge_here"] = merge_forms(item, detail["similar"], merged=detail["merged_items"])
    if workflow.can_transition(item.status, A.ASSIGN):
        live_co = [a.unit_id for a in detail["assignments"]
                   if a.role == Assignment.Role.CO and a.status != Assignment.Status.RETURNED]
        panels["assign"] = AssignForm(initial={"assigned_on": today(), "is_complex": item.is_complex,
                                               "co_units": live_co})
    if item.status in workflow.IN_HANDLING and item.due_date:
        panels["extend"] = ExtendForm()
    if item.status in selectors.KEY_STATUSES:
        panels["key"] = KeyForm(initial={"leader": item.key_leader_id}, leaders=selectors.key_leader_choices())
    if item.status == S.REPLIED and close_from:
        panels["close"] = CloseForm()
    return {name: form for name, form in panels.items() if form is not None}


def item_page(request, item, *, panel="", form=None, status=200):
    """The office's page of one item. After a refused action, `form` is the bound form of `panel`
    (shown open, with its errors and what was typed)."""
    detail = selectors.office_item_detail(item)
    close_from = close_allowed_from(item, replies=detail["replies"]) if item.status == S.REPLIED else None
    can_manage = request.user.is_office
    panels = _panels(item, detail, close_from) if can_manage else {}
    if form is not None:
        panels[panel] = form
    context = {
        "item": item, **detail, "can_manage": can_manage, "panels": panels, "panel": panel,
        "due_preview": selectors.due_rule_preview() if "assign" in panels else None,
        "close_from": close_from,
        "today": today(), "can_publish": can_manage and item.status in selectors.PUBLISHABLE_STATUSES,
    }
    return render(request, "motions/office_item.html", context, status=status)

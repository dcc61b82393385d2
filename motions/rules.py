"""Due dates of handling (SPEC §4), from HandlingRules and the working-day calendar."""
from core import workdays

from .models import HandlingRules


def answer_due_date(assigned_on, *, complex_item=False, rules=None):
    """The date a reply is due. Deputies Law Art. 51: within three months of assignment, six for
    an item wide in scope or hard to handle; or, where the rules say so, N working days that skip
    public holidays and count adjusted working weekends (调休)."""
    rules = rules or HandlingRules.current()
    if rules.due_rule == HandlingRules.DueRule.WORKING_DAYS:
        days = rules.working_days_complex if complex_item else rules.working_days_normal
        return workdays.add_working_days(assigned_on, days)
    months = rules.months_complex if complex_item else rules.months_normal
    return workdays.add_calendar_months(assigned_on, months)


def return_deadline(assigned_on, *, rules=None):
    """The last day a unit may return an item that is not theirs: 7 working days by default."""
    rules = rules or HandlingRules.current()
    return workdays.add_working_days(assigned_on, rules.return_working_days)


def co_unit_opinion_due(assigned_on, *, rules=None):
    """Co-units send their written opinion to the lead unit within one month by default."""
    rules = rules or HandlingRules.current()
    return workdays.add_calendar_months(assigned_on, rules.co_unit_opinion_months)


def rehandle_due_date(sent_back_on, *, rules=None):
    """A re-handled item is answered again within one month by default."""
    rules = rules or HandlingRules.current()
    return workdays.add_calendar_months(sent_back_on, rules.rehandle_months)

"""The rules of a satisfaction vote (满意度测评), in integer arithmetic.

The result follows the rule most township and county 工作评议办法 use: the office (or the report) is
rated satisfied when the 满意 and 基本满意 ballots together are more than half of the ballots
issued (超过半数, strictly more); otherwise unsatisfied, and the unit must rectify. Ballots left
blank or spoiled count among those issued, so they never help a unit pass.
"""
from decimal import ROUND_HALF_UP, Decimal

from .models import SatisfactionVote


def favourable(satisfied, basically_satisfied):
    return satisfied + basically_satisfied


def vote_result(*, ballots, satisfied, basically_satisfied, unsatisfied):
    """SatisfactionVote.Result for the tallies (which must fit within the ballots issued)."""
    if satisfied + basically_satisfied + unsatisfied > ballots:
        raise ValueError("more votes than ballots")
    if 2 * favourable(satisfied, basically_satisfied) > ballots:
        return SatisfactionVote.Result.SATISFIED
    return SatisfactionVote.Result.UNSATISFIED


def satisfaction_rate(*, ballots, satisfied, basically_satisfied, **_ignored):
    """(满意 + 基本满意) / ballots issued, in percent with one decimal, or None without ballots."""
    if not ballots:
        return None
    rate = Decimal(100 * favourable(satisfied, basically_satisfied)) / Decimal(ballots)
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

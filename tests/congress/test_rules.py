"""The law's arithmetic (congress.rules): integers only, "以上" includes the figure, "过半数" is
strictly more than half, and the majority is of ALL deputies in office."""
import pytest

from congress import rules


@pytest.mark.parametrize("in_office, required", [(51, 34), (50, 34), (36, 24), (3, 2), (1, 1), (0, 0)])
def test_the_quorum_is_the_smallest_whole_number_at_least_two_thirds_of_those_in_office(in_office, required):
    assert rules.quorum_required(in_office) == required


def test_with_51_in_office_34_present_is_a_quorum_and_33_is_not():
    assert rules.has_quorum(34, 51)
    assert not rules.has_quorum(33, 51)


def test_with_50_in_office_33_present_is_not_a_quorum_and_34_is():
    # 33/50 is 66 %, short of two thirds: 以上 includes the figure but not a rounding down.
    assert not rules.has_quorum(33, 50)
    assert rules.has_quorum(34, 50)


def test_exactly_two_thirds_is_a_quorum():
    assert rules.has_quorum(24, 36)
    assert not rules.has_quorum(23, 36)


def test_a_meeting_with_nobody_in_office_has_no_quorum():
    assert not rules.has_quorum(0, 0)


@pytest.mark.parametrize("in_office, needed", [(51, 26), (50, 26), (36, 19), (35, 18), (1, 1), (0, 1)])
def test_a_vote_needs_more_than_half_of_all_deputies_in_office(in_office, needed):
    assert rules.votes_needed_to_pass(in_office) == needed


def test_with_51_in_office_26_for_passes_and_25_fails():
    assert rules.passes(26, 51)
    assert not rules.passes(25, 51)


def test_with_50_in_office_26_for_passes_and_25_fails_exactly_half_is_not_more_than_half():
    assert rules.passes(26, 50)
    assert not rules.passes(25, 50)


def test_the_majority_is_of_those_in_office_not_of_those_present():
    # 34 of 50 present, 25 for and 9 against: a majority of those present, not of all deputies.
    assert not rules.passes(25, 50)


@pytest.mark.parametrize("members, required", [(5, 4), (7, 5), (9, 6), (3, 2), (0, 0)])
def test_a_presidium_meeting_needs_two_thirds_of_the_presidium(members, required):
    assert rules.presidium_quorum_required(members) == required


def test_four_of_five_presidium_members_are_a_quorum_and_three_are_not():
    assert rules.presidium_has_quorum(4, 5)
    assert not rules.presidium_has_quorum(3, 5)

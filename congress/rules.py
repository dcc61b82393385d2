"""The arithmetic of the law for meetings: quorum and majority, pure functions without the database.

Every figure is an integer and every comparison is made in integers (3 × present ≥ 2 × in office),
never with floats: two thirds of 50 is not 33.333…, and 33 of 50 is not a quorum.

In Chinese law "以上" includes the figure itself (民法典 Art. 1259: "以上…包括本数"), so "三分之二以上"
means "at least two thirds"; "过半数" means strictly more than half.
"""


def _at_least_two_thirds(count):
    """The smallest whole number n with 3n ≥ 2 × count: ceil(2 × count / 3) in integers."""
    return (2 * count + 2) // 3


def quorum_required(in_office):
    """How many deputies must be present for a session to be held.

    地方各级人民代表大会和地方各级人民政府组织法 Art. 15: "地方各级人民代表大会会议有三分之二以上的
    代表出席，始得举行" — at least two thirds of the deputies in office: 51 → 34, 50 → 34
    (33 of 50 is 66 %, short of two thirds), 3 → 2, 0 → 0.
    """
    return _at_least_two_thirds(in_office)


def has_quorum(present, in_office):
    """Whether `present` of `in_office` deputies make a quorum (3 × present ≥ 2 × in_office).

    A meeting nobody is expected at is no meeting: with nobody in office there is no quorum.
    """
    return in_office > 0 and present * 3 >= in_office * 2


def votes_needed_to_pass(in_office):
    """The fewest votes for that carry a resolution or an election.

    组织法 Art. 25: "以全体代表的过半数通过" — strictly more than half of ALL deputies in office,
    however many are present: 51 → 26, 50 → 26, 36 → 19.
    """
    return in_office // 2 + 1


def passes(votes_for, in_office):
    """Whether `votes_for` is more than half of all `in_office` deputies (2 × for > in office)."""
    return votes_for * 2 > in_office


def presidium_quorum_required(members):
    """How many presidium members must be present at a presidium meeting.

    The national law sets no quorum for the township presidium's own meetings; provinces do, and
    the portal follows Jiangsu's practice (SPEC §2): two thirds of the members, with the same
    arithmetic as a session's quorum — 5 members → 4, 7 → 5, 9 → 6.
    """
    return _at_least_two_thirds(members)


def presidium_has_quorum(present, members):
    """Whether `present` of the presidium's `members` make a presidium meeting's quorum."""
    return members > 0 and present * 3 >= members * 2

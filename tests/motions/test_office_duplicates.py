"""Likely duplicates: earlier items of the same or the previous year whose titles share words.
Chinese has no spaces, so titles are compared by their pairs of neighbouring characters."""
import pytest

from motions.models import Suggestion
from motions.selectors.office import (
    DUPLICATE_THRESHOLD,
    duplicate_counts,
    likely_duplicates,
    review_queue,
    title_bigrams,
    title_similarity,
)
from tests.motions.factories import SuggestionFactory
from tests.motions.factories_office import submitted

S = Suggestion.Status


def test_titles_are_compared_without_their_boilerplate_and_punctuation():
    assert title_bigrams("关于硬化机耕道的建议") == {"硬化", "化机", "机耕", "耕道"}
    assert title_bigrams("“硬化机耕道”建议！") == {"硬化", "化机", "机耕", "耕道"}
    assert title_bigrams("关于的建议") == set()


def test_the_same_matter_in_other_words_is_alike_and_a_different_matter_is_not():
    assert title_similarity("关于硬化青山村机耕道的建议", "关于青山村机耕道硬化的建议") >= DUPLICATE_THRESHOLD
    assert title_similarity("关于硬化青山村机耕道的建议", "关于增设村卫生室的建议") < DUPLICATE_THRESHOLD
    assert title_similarity("", "关于增设村卫生室的建议") == 0


pytestmark = pytest.mark.django_db


def test_likely_duplicates_are_earlier_items_of_this_year_or_the_last_most_alike_first():
    close = submitted(title="关于硬化青山村机耕道的建议", year=2026)
    last_year = SuggestionFactory(title="青山村机耕道硬化", year=2025, status=S.CLOSED, number=4)
    SuggestionFactory(title="关于硬化青山村机耕道的建议", year=2024, status=S.CLOSED)  # too old
    SuggestionFactory(title="关于硬化青山村机耕道的建议", status=S.DRAFT)  # nobody else's business
    merged = SuggestionFactory(title="关于硬化青山村机耕道的建议", status=S.MERGED, merged_into=close)
    submitted(title="关于增设村卫生室的建议")  # another matter
    item = submitted(title="关于青山村机耕道硬化的建议", year=2026)
    later = submitted(title="关于硬化青山村机耕道的建议", year=2026)

    found = likely_duplicates(item)
    assert [other.pk for other in found] == [last_year.pk, close.pk]
    assert found[0].similarity == 1.0 and found[0].similarity_percent == 100
    assert merged.pk not in [other.pk for other in found]
    assert later.pk in [other.pk for other in likely_duplicates(item, earlier_only=False)]


def test_finding_likely_duplicates_takes_one_query(django_assert_num_queries):
    item = submitted(title="关于硬化机耕道的建议")
    for number in range(20):
        submitted(title=f"关于第{number}组道路硬化的建议")
    with django_assert_num_queries(1):
        likely_duplicates(item, earlier_only=False)


def test_the_queue_counts_each_items_earlier_duplicates_in_one_query(django_assert_num_queries):
    first = submitted(title="关于硬化机耕道的建议")
    second = submitted(title="关于机耕道硬化的建议")
    third = submitted(title="建议硬化机耕道")
    other = submitted(title="关于增设村卫生室的建议")
    with django_assert_num_queries(1):
        counts = duplicate_counts([first, second, third, other])
    assert counts == {first.pk: 0, second.pk: 1, third.pk: 2, other.pk: 0}
    assert {item.pk: item.duplicate_count for item in review_queue()} == counts


def test_the_queue_is_paged_and_keeps_its_counts_in_the_cache_until_an_item_changes(settings,
                                                                                    django_assert_num_queries):
    settings.MOTIONS_CACHE_SECONDS = 60
    first, second, third = (submitted(title="关于硬化机耕道的建议") for _ in range(3))
    page = review_queue(per_page=2)
    assert [(item.pk, item.duplicate_count) for item in page] == [(first.pk, 0), (second.pk, 1)]
    assert page.paginator.num_pages == 2
    with django_assert_num_queries(2):  # the paginator's count and the page; the counts come from the cache
        assert [item.duplicate_count for item in review_queue(per_page=2)] == [0, 1]
    with django_assert_num_queries(2):  # the count known already: the page, and its items' counts
        assert [item.duplicate_count for item in review_queue(2, per_page=2, total=3)] == [2]
    with django_assert_num_queries(1):
        assert [item.duplicate_count for item in review_queue(2, per_page=2, total=3)] == [2]
    first.status = S.MERGED
    first.merged_into = third
    first.save()
    assert [(item.pk, item.duplicate_count) for item in review_queue(per_page=2)] == [(second.pk, 0), (third.pk, 1)]

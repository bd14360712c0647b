"""Related posts: those of the same language sharing the most tags and categories with a post.

A shared tag counts more than a shared category, and a rare term more than a common one (two
posts tagged "GRPO" are closer than two filed under "Reinforcement Learning"). Ties go to the
newer post, so the choice is the same on every build.

A post's score against another depends only on which of its terms they share, so instead of
comparing every pair of posts (minutes at 5,000 posts), each post walks the subsets of its terms
from the best score down, finding the posts that share exactly that subset with bit masks.
"""

from __future__ import annotations

import math
from itertools import combinations, groupby

from .model import Page

TAG_WEIGHT = 2.0
CATEGORY_WEIGHT = 1.0
MOST_TERMS = 8  # a post's most telling terms that count: 255 subsets at most

Term = tuple[str, str]  # (taxonomy, slug)


def link_related(posts: list[Page], count: int) -> None:
    """Set each post's `related` to at most `count` posts sharing a term with it; `posts` are
    newest first, as listings hold them."""
    weights = [_terms(post) for post in posts]
    members: dict[Term, int] = {}  # a bit per post index
    for index, terms in enumerate(weights):
        for term in terms:
            members[term] = members.get(term, 0) | 1 << index
    for index, post in enumerate(posts):
        value = {term: weight / math.log2(1 + members[term].bit_count()) for term, weight in weights[index].items()}
        found = _most_related(index, value, members, count) if count else []
        post.related = [posts[other] for other in found]


def _most_related(index: int, value: dict[Term, float], members: dict[Term, int], count: int) -> list[int]:
    terms = sorted(value, key=lambda term: (-value[term], term))[:MOST_TERMS]
    subsets = sorted(((round(sum(value[term] for term in subset), 9), subset)
                      for size in range(1, len(terms) + 1) for subset in combinations(terms, size)),
                     key=lambda scored: -scored[0])
    found: list[int] = []
    for _, tied in groupby(subsets, key=lambda scored: scored[0]):
        candidates = 0
        for _, subset in tied:  # the posts sharing exactly this subset of terms
            shared = ~(1 << index)
            for term in terms:
                shared &= members[term] if term in subset else ~members[term]
            candidates |= shared
        while candidates and len(found) < count:  # lowest index first: the newest
            lowest = candidates & -candidates
            found.append(lowest.bit_length() - 1)
            candidates ^= lowest
        if len(found) == count:
            break
    return found


def _terms(post: Page) -> dict[Term, float]:
    """A post's terms with their weights, keyed by slug like the term pages are."""
    found = {("categories", term.slug): CATEGORY_WEIGHT for term in post.categories}
    found.update({("tags", term.slug): TAG_WEIGHT for term in post.tags})
    return found

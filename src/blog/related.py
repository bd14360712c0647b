"""Related posts: those of the same language sharing the most tags and categories with a post.

A shared tag counts more than a shared category, and a rare term more than a common one (two
posts tagged "GRPO" are closer than two filed under "Reinforcement Learning"). Ties go to the
newer post, then by title and file, so the choice is the same on every build.
"""

from __future__ import annotations

import math
from collections import Counter

from .model import Page

TAG_WEIGHT = 2.0
CATEGORY_WEIGHT = 1.0


def link_related(posts: list[Page], count: int) -> None:
    """Set each post's `related` to at most `count` posts of `posts` that share a term with it."""
    terms = {post: _terms(post) for post in posts}
    usage = Counter(term for found in terms.values() for term in found)
    for post in posts:
        scored = []
        for other in posts:
            shared = terms[post].keys() & terms[other].keys()
            if other is post or not shared:
                continue
            score = sum(terms[post][term] / math.log2(1 + usage[term]) for term in shared)
            scored.append((-round(score, 9), other.sort_key, other))
        scored.sort(key=lambda item: item[:2])
        post.related = [other for _, _, other in scored[:count]]


def _terms(post: Page) -> dict[tuple[str, str], float]:
    """A post's terms with their weights, keyed by slug like the term pages are."""
    found = {("categories", term.slug): CATEGORY_WEIGHT for term in post.categories}
    found.update({("tags", term.slug): TAG_WEIGHT for term in post.tags})
    return found

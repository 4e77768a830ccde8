"""Self-checks for lesson exercises: they print what is right or wrong, and never raise.

Lessons run top to bottom even before the learner answers, so an unanswered or wrong exercise
prints a hint instead of stopping the notebook.
"""

from __future__ import annotations

import pandas as pd

from medsome.privacy import candidate_count

LINKABLE = ("municipality", "age", "sex", "condition", "occupation")


def _revealed(posts: pd.DataFrame, post_id: str) -> dict[str, object]:
    row = posts.set_index("post_id").loc[post_id]
    return {key: row[key] for key in LINKABLE if pd.notna(row[key])}


def candidate_count_feedback(
    answer: object, post_id: str, posts: pd.DataFrame, population: pd.DataFrame
) -> str:
    """Plain-words feedback on a learner's count of the people matching a post."""
    if not isinstance(answer, int) or isinstance(answer, bool):
        kind = type(answer).__name__
        return f"Not answered yet: your count should be a whole number, not {kind}."
    revealed = _revealed(posts, post_id)
    expected = candidate_count(population, revealed)
    total = int(population["count"].sum())
    verdict = "identifiable (fewer than 5)" if expected < 5 else "not unique, at this level"
    if answer == expected:
        return f"Correct: {expected:,} people match post {post_id}: {verdict}."
    if answer == total:
        return (f"Your count is the whole population ({total:,}): the dictionary is still empty. "
                f"Post {post_id} reveals {len(revealed)} details the table can match.")
    if answer > expected:
        return (f"Your count ({answer:,}) is larger than the true pool: a detail the post "
                f"reveals is missing. It reveals {len(revealed)} of: {', '.join(LINKABLE)}.")
    return (f"Your count ({answer:,}) is smaller than the true pool: check each value "
            "against the post, and leave out details the post does not reveal.")


def check_candidate_count(
    answer: object, post_id: str, posts: pd.DataFrame, population: pd.DataFrame
) -> None:
    """Print the feedback of candidate_count_feedback."""
    print(candidate_count_feedback(answer, post_id, posts, population))

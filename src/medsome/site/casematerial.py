"""What a handout's prompt refers to, printed with it: the posts it names and the lesson text "above".

A *Think!* prompt in a lesson may point at a post the lesson showed ("Post **P01** above",
"Featured post F5") or at the section it closes ("the commands above"). On paper the lesson is not
there, so the handout prints each named post's text, and for "above" without a post, the section's
opening paragraphs (where the lessons set out what their prompts refer back to), as many whole
paragraphs as fit in ABOVE_BUDGET characters, before the prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medsome.data import load_case_posts, load_featured_posts

POST_ID = re.compile(r"\b(P\d{2}|F\d)\b")
ABOVE = re.compile(r"\babove\b", re.IGNORECASE)
ABOVE_BUDGET = 1100  # characters of lesson text: enough for a list of reasons, short enough for one page


@dataclass
class Material:
    """A piece of the lesson a prompt needs on its page: a title and its Markdown text."""

    title: str
    text: str


def post_texts() -> dict[str, str]:
    """Every invented post a prompt may name (case posts P01..., featured posts F1...), by its id."""
    texts: dict[str, str] = {}
    for table in (load_case_posts(), load_featured_posts()):
        texts.update(zip(table["post_id"], table["text"], strict=True))
    return texts


def material_for(prompt: str, section: str, context: str, posts: dict[str, str]) -> list[Material]:
    """What `prompt` refers to: each post it names, else for "above" the opening paragraphs of `context`."""
    named = [Material(f"Post {post_id}", posts[post_id])
             for post_id in dict.fromkeys(POST_ID.findall(prompt)) if post_id in posts]
    if named or not ABOVE.search(prompt) or not context.strip():
        return named
    paragraphs = context.strip().split("\n\n")
    kept = paragraphs[:1]
    for paragraph in paragraphs[1:]:
        if sum(map(len, kept)) + len(paragraph) > ABOVE_BUDGET:
            break
        kept.append(paragraph)
    return [Material(f"From the lesson: {section}", "\n\n".join(kept))]

"""Discussion handouts: a module's cases, Think! prompts and key points, and the facilitator's version.

The content is read from the lesson notebook itself (its title, each *Think!* block with the section
it belongs to and what it refers to, its key points) and, for facilitators, from the debrief notes of
facilitator/NN_topic.md. Each prompt stands alone on its page: its heading, the posts or lesson text
it refers to, the prompt and the room for notes are kept together, and no heading ends a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt

from medsome.site.casematerial import Material, material_for

THINK = re.compile(r"^###\s+Think!\s*$", re.MULTILINE)
HEADING = re.compile(r"^(?=#{1,6} )", re.MULTILINE)
DEBRIEF = re.compile(r"^## Debrief notes.*?$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
BOLD_LINE = re.compile(r"<p><strong>([^<]*)</strong></p>")  # a paragraph of bold words: a subheading
DEBRIEF_ITEM = re.compile(r"^### Think!\s*(\d+)\b[^\n]*\n(.*?)(?=^### |\Z)", re.MULTILINE | re.DOTALL)
CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.45; color: #000; }
h1 { font-size: 18pt; border-bottom: 2pt solid #000; padding-bottom: 4pt; }
h2, h3, h4, .label, .subhead { break-after: avoid; page-break-after: avoid; }
h2 { font-size: 13pt; margin-top: 16pt; }
.think-head { break-inside: avoid; page-break-inside: avoid; }
.prompt, .debrief, .keypoints, .material { border: 1pt solid #000; padding: 6pt 10pt; margin: 8pt 0; }
.prompt, .material { break-inside: avoid; page-break-inside: avoid; }
.material { border-width: 0 0 0 3pt; }
.debrief { border-style: dashed; }
.label { font-family: "DejaVu Sans", Arial, sans-serif; font-weight: bold; text-transform: uppercase;
         font-size: 9pt; letter-spacing: 0.05em; }
.notes { border-bottom: 1pt dotted #000; height: 5em; }
table { border-collapse: collapse; } td, th { border: 0.5pt solid #000; padding: 2pt 4pt; }
a { color: #000; }
"""


@dataclass
class Prompt:
    """One *Think!* block and the lesson section it closes."""

    section: str
    text: str
    context: str = ""  # the section's prose before the prompt
    material: list[Material] = field(default_factory=list)


@dataclass
class Handout:
    """What a module's handout holds."""

    module: str
    title: str
    prompts: list[Prompt] = field(default_factory=list)
    key_points: str = ""
    debriefs: dict[int, str] = field(default_factory=dict)


def _blocks(source: str) -> list[str]:
    """A markdown cell cut at each heading: a Think! block may follow text in the same cell."""
    return [block.strip() for block in HEADING.split(source) if block.strip()]


def read_lesson(notebook: Path) -> Handout:
    """The title, Think! prompts (with their sections) and key points of a lesson notebook."""
    nb = nbformat.read(notebook, as_version=4)
    handout = Handout(module=notebook.parent.name, title="")
    section, context = "", []
    for cell in (c for c in nb.cells if c.cell_type == "markdown"):
        key_points = cell.source.find("## Key points")
        if key_points >= 0:  # the key points run to the end of their cell, its references included
            handout.key_points = cell.source[key_points:].partition("\n")[2].strip()
        for text in _blocks(cell.source[:key_points] if key_points >= 0 else cell.source):
            first, _, rest = text.partition("\n")
            if first.startswith("# ") and not handout.title:
                handout.title = first[2:].strip()
            elif first.startswith("## "):
                section, context = first[3:].strip(), [rest.strip()]
            elif THINK.match(first):
                handout.prompts.append(Prompt(section, rest.strip(), "\n\n".join(filter(None, context))))
            else:
                context.append(text)
    return handout


def add_material(handout: Handout, posts: dict[str, str]) -> Handout:
    """Each prompt of `handout` with the posts or lesson text it refers to (see casematerial)."""
    for prompt in handout.prompts:
        prompt.material = material_for(prompt.text, prompt.section, prompt.context, posts)
    return handout


def read_debriefs(guide: Path) -> dict[int, str]:
    """The facilitator guide's debrief notes, by the number of the Think! prompt they discuss."""
    if not guide.is_file():
        return {}
    found = DEBRIEF.search(guide.read_text(encoding="utf-8"))
    if not found:
        return {}
    return {int(n): body.strip() for n, body in DEBRIEF_ITEM.findall(found.group(1))}


def render(handout: Handout, facilitator: bool) -> str:
    """The handout as a printable HTML page (black on white, no meaning in colour)."""
    md = MarkdownIt("commonmark").enable("table")
    kind = "Facilitator version, not for learners" if facilitator else "Discussion handout"
    parts = [f"<h1>{html.escape(handout.title)}</h1>",
             f'<p class="label">{kind} · {html.escape(handout.module)}</p>']
    for number, prompt in enumerate(handout.prompts, start=1):
        parts.append(f'<section class="think"><div class="think-head">'
                     f"<h2>Think! {number} · {md.renderInline(prompt.section)}</h2>")
        parts += [f'<div class="material"><p class="label">{md.renderInline(item.title)}</p>'
                  f"{md.render(item.text)}</div>" for item in prompt.material]
        parts.append(f'<div class="prompt">{md.render(prompt.text)}</div>')
        if not facilitator:  # the room for notes stays on the prompt's page
            parts.append('<p class="label">Your notes</p><div class="notes"></div>')
        parts.append("</div>")
        if facilitator and number in handout.debriefs:
            notes = md.render(handout.debriefs[number])
            notes = BOLD_LINE.sub(r'<p class="subhead"><strong>\1</strong></p>', notes)
            parts.append(f'<div class="debrief"><p class="label">Debrief notes</p>{notes}</div>')
        parts.append("</section>")
    if handout.key_points:
        parts.append(f'<section class="keypoints-section"><h2>Key points</h2>'
                     f'<div class="keypoints">{md.render(handout.key_points)}</div></section>')
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(handout.title)}'
            f"</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>")

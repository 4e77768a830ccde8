"""axe-core in the page: WCAG 2.1 A and AA violations inside a part of the page, in plain words."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from conftest import ROOT, skip_or_fail_in_ci

AXE = ROOT / ".browser-tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The course's own content in a notebook: rendered markdown and every output, widgets included.
COURSE_CONTENT = [".jp-NotebookPanel .jp-RenderedMarkdown", ".jp-NotebookPanel .jp-OutputArea-output"]
RUN_AXE_JS = """async ([include, tags]) => {
  const context = include.length ? {include: include.map(selector => [selector])} : document;
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, help: v.help, impact: v.impact,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))}));
}"""


def axe_path() -> Path:
    """axe-core's script; skip without it, except in CI (scripts/test.sh installs it from npm)."""
    if not AXE.is_file():
        skip_or_fail_in_ci(f"{AXE} is missing: npm install --prefix .browser-tools axe-core@4",
                           "accessibility checks")
    return AXE


def violations(page: Page, include: list[str]) -> list[dict]:
    """axe's WCAG 2.1 AA violations within `include` (CSS selectors; empty: the whole page)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    return page.evaluate(RUN_AXE_JS, [include, WCAG21_AA])


def node_count(found: list[dict]) -> int:
    """How many elements fail, over all rules (the figure axe's reports lead with)."""
    return sum(len(v["nodes"]) for v in found)


def describe(found: list[dict]) -> str:
    """One line per failing element: rule, impact, help text, selector and HTML."""
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    {n['target']}: {n['html']}"
                     for v in found for n in v["nodes"])

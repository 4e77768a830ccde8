"""What does my draft give away? Type, paste or pick a draft; see its identifying details in place.

The draft is analysed as the learner types, once typing pauses for `DEBOUNCE_SECONDS` (on the
kernel's event loop, so a keystroke never waits for the analyser), and at once on **Analyse**; a
status line says when it is waiting, working and done. Findings are told in words: the kind, what
to do, why, and whether the sentence describes a patient; the analyser's pattern names stay inside.

The analyser (spaCy and the course's patterns) is imported, and built in the background, once the
kernel has been idle for `IDLE_SECONDS` after the widget is made, so that showing the widget costs
a lesson's Run All nothing and the first draft the learner analyses is still quick.
"""

from __future__ import annotations

import asyncio
import html
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from medsome.widgets.controls import dropdown, heading
from medsome.widgets.layout import CourseWidget, live, panel

if TYPE_CHECKING:
    from medsome.disclosure import Disclosure

NO_DRAFT = "(paste your own)"
DEBOUNCE_SECONDS = 0.4
IDLE_SECONDS = 0.5  # no cell finished for this long: the kernel is idle, the analyser may build
WAITING = "<p><i>Waiting for you to pause typing…</i></p>"
WORKING = "<p><i>Analysing the draft…</i></p>"
PROMPT = "<p>Paste a draft above, or pick one, to see what it gives away.</p>"
MARK_STYLE = ("background:#fde68a;color:#000;border-bottom:2px solid #000;padding:0 2px;"
              "border-radius:2px")
KIND_STYLE = "font-size:0.8em;font-weight:bold;color:#000"


def highlighted_html(result: Disclosure) -> str:
    """The draft with each finding marked in place and its kind written after it, in brackets."""
    parts, position = [], 0
    for number, finding in enumerate(result.findings, start=1):
        parts.append(html.escape(result.text[position:finding.start]))
        parts.append(f'<mark class="medsome-finding" data-kind="{finding.kind.name}" style="{MARK_STYLE}">'
                     f"{html.escape(finding.text)}</mark>"
                     f'<span class="medsome-kind" style="{KIND_STYLE}"> [{number}: '
                     f"{html.escape(finding.kind.label)}]</span>")
        position = finding.end
    parts.append(html.escape(result.text[position:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<p class="medsome-draft" style="line-height:1.8">{body}</p>'


def findings_html(result: Disclosure) -> str:
    """Each finding with its kind, what to do, why it matters, and why it counts; then what was set aside."""
    aside = "".join(f"<li>\u201c{html.escape(f.text)}\u201d ({html.escape(f.kind.label)}): "
                    f"{html.escape(f.about)}.</li>" for f in result.set_aside)
    aside_part = (f'<p><b>Not counted</b>, as not about a patient:</p>'
                  f'<ul class="medsome-set-aside">{aside}</ul>'
                  if aside else "")
    if result.clean:
        return ("<p><b>Nothing identifying found.</b> The text names no patient detail the course knows.</p>"
                + aside_part)
    items = "".join(
        f"<li><b>{number}. \u201c{html.escape(f.text)}\u201d: {html.escape(f.kind.label)}.</b> "
        f"Do: {html.escape(f.action)}. {html.escape(f.kind.advice)}<br><i>Why:</i> {html.escape(f.kind.why)}"
        + (f"<br><i>Counted because the sentence</i> {html.escape(f.about)}." if f.about else "")
        + "</li>"
        for number, f in enumerate(result.findings, start=1)
    )
    photo = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in result.photo)
    photo_part = f"<p><b>The photo's file gives away:</b></p><ul>{photo}</ul>" if photo else ""
    return (f"<p><b>{len(result.findings)} identifying detail(s) found.</b></p>"
            f'<ol class="medsome-findings" style="list-style:none;padding-left:0">{items}</ol>{photo_part}'
            f"{aside_part}")


def summary_html(result: Disclosure) -> str:
    """The candidate count, the suggested rewrite, and the count after it."""
    warning = "<b>Warning:</b> " if result.below_k else ""
    return (f'<p class="medsome-count"><b>Candidates:</b> {warning}{html.escape(result.count_sentence())}</p>'
            f'<p><b>Suggested rewrite:</b></p><blockquote class="medsome-rewrite">'
            f"{html.escape(result.rewrite)}</blockquote>"
            f"<p><b>After the rewrite:</b> {html.escape(result.count_sentence(after=True))}</p>")


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of a Jupyter kernel, or None outside one.

    Only a kernel's loop is trusted to keep running: a loop left marked as running by other
    code (nested event loops in a test process) may never run a scheduled call.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _build_analyser() -> None:
    """Import the draft analyser and build it in the background (medsome.disclosure.warm_up)."""
    from medsome.disclosure import warm_up

    warm_up()


def when_idle(action: Callable[[], None], seconds: float = IDLE_SECONDS) -> None:
    """Run `action` once the kernel has finished no cell for `seconds` (at once outside a kernel).

    Every cell that finishes meanwhile (Run All's next cells) puts the action off again, so it
    runs after the last one, while the learner reads.
    """
    loop = _kernel_loop()
    if loop is None:
        action()
        return
    from IPython import get_ipython

    events = get_ipython().events
    pending: list[asyncio.TimerHandle] = []

    def run() -> None:
        events.unregister("post_execute", put_off)
        action()

    def put_off() -> None:
        for handle in pending:
            handle.cancel()
        pending[:] = [loop.call_later(seconds, run)]

    events.register("post_execute", put_off)
    put_off()


class DraftAnalyserWidget(CourseWidget):
    """Type, paste or pick a draft; the widget highlights what identifies, counts, and suggests a rewrite."""

    def __init__(self, population: pd.DataFrame, drafts: Mapping[str, str] | None = None,
                 delay: float = DEBOUNCE_SECONDS) -> None:
        if not isinstance(population, pd.DataFrame):
            raise TypeError("DraftAnalyserWidget needs the population table: "
                            "DraftAnalyserWidget(load_population())")
        if not isinstance(delay, (int, float)) or delay < 0:
            raise ValueError(f"delay should be a number of seconds, 0 or more, not {delay!r}")
        when_idle(_build_analyser)  # the analyser builds while the learner reads, not during Run All
        self.population = population
        self.drafts = dict(drafts or {})
        self.delay = float(delay)
        self._pending: Any = None
        self.picker = dropdown("Pick a draft:", [NO_DRAFT, *self.drafts])
        self.text = w.Textarea(description="Draft text:", placeholder="Type or paste the text of a post here",
                               continuous_update=True, rows=4)
        self.button = w.Button(description="Analyse", tooltip="Analyse the draft now", icon="search")
        self.status = live()
        self.draft, self.findings, self.summary = live(), w.HTML(), w.HTML()
        self.draft.value = PROMPT
        self.result: Disclosure | None = None
        self.picker.observe(lambda change: self._pick(change["new"]), names="value")
        self.text.observe(lambda _: self.schedule(), names="value")
        self.button.on_click(lambda _: self.refresh())
        self.widget = panel([self.picker, self.text, self.button, self.status,
                             heading("What the draft gives away"), self.draft, self.findings, self.summary])

    def _pick(self, name: str) -> None:
        if name in self.drafts:
            self.text.value = self.drafts[name]
            self.refresh()

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def schedule(self) -> None:
        """Analyse once typing pauses: after `delay` seconds without a change (at once when it is 0)."""
        self._cancel()
        if self.delay == 0:
            self.refresh()
            return
        self.status.value = WAITING
        loop = _kernel_loop()
        if loop is not None:
            self._pending = loop.call_later(self.delay, self.refresh)
            return
        self._pending = threading.Timer(self.delay, self.refresh)  # plain Python: a timer thread
        self._pending.daemon = True
        self._pending.start()

    def refresh(self) -> Disclosure | None:
        """Analyse the text in the box now and show the findings, the count and the rewrite."""
        self._cancel()
        if not self.text.value.strip():
            self.result = None
            self.draft.value, self.findings.value, self.summary.value = PROMPT, "", ""
            self.status.value = ""
            return None
        self.status.value, self.button.disabled = WORKING, True
        try:
            from medsome.disclosure import analyse_draft

            self.result = analyse_draft(self.text.value, population=self.population)
            self.draft.value = highlighted_html(self.result)
            self.findings.value = findings_html(self.result)
            self.summary.value = summary_html(self.result)
            count = len(self.result.findings)
            plural = "" if count == 1 else "s"
            self.status.value = f"<p>Analysed: {count} identifying detail{plural} found.</p>"
        finally:
            self.button.disabled = False
        return self.result

"""The pre-posting checklist: describe a draft post, read what the audit finds and why."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from medsome.appraisal import JAMA_BENCHMARKS
from medsome.checklist import (
    CONTEXT,
    PHOTO_NAMES,
    Audit,
    Check,
    DraftPost,
    audit,
    is_empty,
)
from medsome.comparability import (
    ANGLE_RANGE,
    LIGHTING_RANGE,
    PHOTO_PARAMETERS,
    STANDARD_SETUP,
    ZOOM_RANGE,
)
from medsome.consent import (
    CONSENT_FLAGS,
    MAX_AGE,
    SOCIAL_USES,
    Authority,
    Capacity,
    ConsentBy,
    ConsentLevel,
    ImageType,
    Use,
)
from medsome.errors import UnknownName
from medsome.widgets.controls import checkbox, choices, dropdown, heading, record_picker, table_row
from medsome.widgets.layout import CourseWidget, live, panel
from medsome.world import BACKGROUNDS, CLOTHING

if TYPE_CHECKING:
    from medsome.disclosure import Disclosure

NOT_REVEALED = "(not revealed)"
NO_DRAFT = "(choose a draft)"
NO_PHOTO = "(no course photo)"
JAMA_LABELS = {"authorship": "Says who made it, with credentials (authorship)",
               "attribution": "Gives its sources (attribution)",
               "disclosure": "Declares sponsorship and interests (disclosure)",
               "currency": "Says when it was written or updated (currency)"}
FLAG_LABELS = {"child_objects": "The child objects or is distressed",
               "asked_day_of_surgery": "Consent was asked on the day of surgery",
               "withdrawal_requested": "The patient or family asks to withdraw consent",
               "hospital_forbids_posting": "Hospital policy forbids posting, even with consent"}
CONTEXT_LABELS = {"date": "Date or day named:", "time_of_day": "Time of day named:",
                  "hospital": "Hospital named:", "mark": "Individual mark described:"}


class UnknownDraft(UnknownName):
    """A draft id the checklist's table does not hold."""


def _detail_options(population: pd.DataFrame, column: str) -> list[tuple[str, object]]:
    """'(not revealed)' (value "": ipywidgets may show None as a blank box) and the table's values.

    'none' and 'other' are left out: they reveal nothing.
    """
    values = sorted(str(v) for v in population[column].unique() if v not in ("none", "other"))
    return [(NOT_REVEALED, ""), *((v, v) for v in values)]


def _finding_html(finding: Any) -> str:
    return (f"<li><b>{html.escape(finding.severity.label)}</b> ({html.escape(finding.code)}). "
            f"{html.escape(finding.explanation)}<br><i>Sources:</i> {html.escape(finding.sources)}</li>")


EMPTY_DRAFT = ("<p><b>Nothing to check yet: the draft is empty.</b> Write its text, or load a draft, "
               "and say whether it shows or describes a real patient.</p>")


def audit_html(result: Audit) -> str:
    """The verdict, then each check's findings (or 'nothing found'), every finding labelled in words."""
    parts = [f"<p><b>Verdict: {html.escape(result.verdict.label)}.</b> {html.escape(result.tally)}</p>"]
    for check in Check:
        found = result.of(check)
        items = "".join(_finding_html(f) for f in found) or "<li>Nothing found.</li>"
        parts.append(f"<p><b>{check.value.capitalize()} check</b></p><ul>{items}</ul>")
    return "".join(parts)


def found_in_text_html(analysis: Disclosure) -> str:
    """What the draft analyser read in the text, in words: each detail and its kind, and what it set aside."""
    if not analysis.findings:
        found = "<p><b>From the text:</b> nothing identifying found.</p>"
    else:
        items = "; ".join(f"\u201c{html.escape(f.text)}\u201d ({html.escape(f.kind.label)})"
                          for f in analysis.findings)
        found = f'<p class="medsome-from-text"><b>From the text:</b> {items}.</p>'
    aside = "; ".join(f"\u201c{html.escape(f.text)}\u201d ({html.escape(f.about)})"
                      for f in analysis.set_aside)
    return found + (f"<p><b>Not counted, as not about a patient:</b> {aside}.</p>" if aside else "")


class PrePostChecklist(CourseWidget):
    """Describe a draft post with the controls; the checklist shows the audit's findings as you go."""

    def __init__(self, population: pd.DataFrame, drafts: pd.DataFrame | None = None) -> None:
        if not isinstance(population, pd.DataFrame):
            raise TypeError("PrePostChecklist needs the population table: "
                            "PrePostChecklist(load_population())")
        self.population = population
        self.drafts = None if drafts is None else drafts.set_index("draft_id", drop=False)
        self.loaded: str | None = None
        self._busy = False
        self.text = w.Textarea(description="Draft text:", rows=3)
        self.fill = w.Button(description="Fill identification from the text",
                             tooltip="Set what the draft analyser finds in the text; change it by hand")
        self.fill.on_click(lambda _: self.fill_from_text())
        self.patient = checkbox("The draft shows or describes a real patient")
        self.reveal_age = checkbox("The draft reveals the age")
        self.controls: dict[str, w.ValueWidget] = {
            "age": w.BoundedIntText(value=40, min=0, max=MAX_AGE, description="Age revealed:"),
            **{name: dropdown(f"{name.capitalize()} revealed:", _detail_options(population, name))
               for name in ("sex", "municipality", "condition", "occupation")},
            **{name: w.Text(value="", description=CONTEXT_LABELS[name], placeholder="empty: not revealed")
               for name in (*CONTEXT, "mark")},
            "photo": dropdown("Photo attached:", [(NO_PHOTO, ""), *((n, n) for n in PHOTO_NAMES)]),
            "patient_age": w.BoundedIntText(value=40, min=0, max=MAX_AGE, description="Patient's age:"),
            "capacity": dropdown("Capacity for this decision:", choices(Capacity)),
            "authority": dropdown("Parental or legal authority:", choices(Authority)),
            "consent": dropdown("Consent obtained:", choices(ConsentLevel)),
            "consent_by": dropdown("Consent given by:", choices(ConsentBy)),
            "use": dropdown("Where it will be posted:", choices(Use(u) for u in SOCIAL_USES)),
            "image_type": dropdown("Image type:", choices(ImageType)),
            **{flag: checkbox(FLAG_LABELS[flag]) for flag in CONSENT_FLAGS},
            **{b: checkbox(JAMA_LABELS[b]) for b in JAMA_BENCHMARKS},
            "conflict_of_interest": checkbox("The author has a commercial interest in what it shows"),
        }
        self.pair = checkbox("The draft has a before/after photo pair")
        self.after: dict[str, w.ValueWidget] = {
            "lighting": w.FloatSlider(value=0.0, min=LIGHTING_RANGE[0], max=LIGHTING_RANGE[1], step=0.05,
                                      description="After shot: lighting (stops):"),
            "flash": checkbox("After shot: flash"),
            "zoom": w.FloatSlider(value=1.0, min=ZOOM_RANGE[0], max=ZOOM_RANGE[1], step=0.01,
                                  description="After shot: zoom (×):"),
            "angle": w.FloatSlider(value=0.0, min=ANGLE_RANGE[0], max=ANGLE_RANGE[1], step=1.0,
                                   description="After shot: angle (degrees):"),
            "background": dropdown("After shot: background:", [(b, b) for b in BACKGROUNDS]),
            "clothing": dropdown("After shot: clothing:", [(c, c) for c in CLOTHING]),
        }
        self.before: dict[str, Any] = dict(STANDARD_SETUP)
        self.before_text = w.HTML()
        self.case_text, self.result = w.HTML(), live()
        self.patient_box = w.VBox([
            heading("Identification: what does the draft reveal?"), self.reveal_age,
            *(self.controls[n] for n in ("age", "sex", "municipality", "condition", "occupation", *CONTEXT,
                                         "mark", "photo")),
            heading("Consent: the facts of the case"),
            *(self.controls[n] for n in ("patient_age", "capacity", "authority", "consent", "consent_by",
                                         "use", "image_type", *CONSENT_FLAGS)),
        ])
        accuracy = w.VBox([
            heading("Accuracy: what the draft tells its readers"),
            *(self.controls[n] for n in (*JAMA_BENCHMARKS, "conflict_of_interest")), self.pair,
            self.before_text, *self.after.values(),
        ])
        header = [self._picker()] if self.drafts is not None else []
        self.widget = panel([*header, self.case_text, self.text, self.fill, self.patient, self.patient_box,
                             accuracy, self.result])
        for control in [self.text, self.patient, self.reveal_age, self.pair, *self.controls.values(),
                        *self.after.values()]:
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def _picker(self) -> w.Dropdown:
        """The dropdown that loads a draft by id."""
        rows = zip(self.drafts["draft_id"], self.drafts["example"], strict=True)
        labels = [(f"{did} · {tag.replace('_', ' ') if isinstance(tag, str) else 'generated draft'}", did)
                  for did, tag in rows]
        self.picker = record_picker(self, "Load draft:", NO_DRAFT, labels)
        return self.picker

    def _facts(self) -> dict[str, object]:
        """The draft's facts as the controls describe them."""
        c = self.controls
        facts: dict[str, object] = {"draft_id": self.loaded or "(unsaved)", "text": self.text.value,
                                    "patient_material": self.patient.value}
        facts.update({b: c[b].value for b in (*JAMA_BENCHMARKS, "conflict_of_interest")})
        if self.pair.value:
            facts.update(before=dict(self.before), after={p: self.after[p].value for p in PHOTO_PARAMETERS})
        if not self.patient.value:
            return facts
        facts["age"] = c["age"].value if self.reveal_age.value else None
        facts.update({n: c[n].value or None  # "" is "(not revealed)" or "(no course photo)"
                      for n in ("sex", "municipality", "condition", "occupation", "photo")})
        facts.update({n: c[n].value for n in ("patient_age", "capacity", "authority", "consent", "consent_by",
                                              "use", "image_type", *CONSENT_FLAGS)})
        facts.update({n: c[n].value.strip() or None for n in (*CONTEXT, "mark")})
        return facts

    @property
    def draft(self) -> DraftPost:
        """The draft the controls describe (a ValueError says which facts contradict each other)."""
        return DraftPost(**self._facts())

    def _sync(self) -> None:
        """Lock what follows from other answers: patient controls, the age field, the photo's image type."""
        c = self.controls
        self.patient_box.layout.display = None if self.patient.value else "none"
        c["age"].disabled = not self.reveal_age.value
        if c["photo"].value:
            c["image_type"].value = ImageType.EXTERNAL.value
        c["image_type"].disabled = bool(c["photo"].value)
        for control in self.after.values():
            control.disabled = not self.pair.value
        shot = ", ".join(f"{p} {v}" for p, v in self.before.items())
        self.before_text.value = (f"<p>Before shot (fixed): {html.escape(shot)}.</p>" if self.pair.value
                                  else "")

    def refresh(self) -> Audit | None:
        """Re-run the audit on the draft the controls describe and show its findings."""
        if self._busy:
            return None
        self._busy = True
        try:
            self._sync()
            try:
                result = audit(self.draft, self.population)
            except (ValueError, TypeError) as error:
                self.result.value = (f"<p><b>These facts do not fit together:</b> {html.escape(str(error))}. "
                                     "Change them to run the checks.</p>")
                return None
            self.result.value = EMPTY_DRAFT if is_empty(self.draft) else audit_html(result)
            return result
        finally:
            self._busy = False

    def fill_from_text(self) -> Audit | None:
        """Set the identification facts to what the draft analyser finds in the text (medsome.disclosure)."""
        if not self.text.value.strip():
            self.result.value = "<p><b>There is no text to analyse:</b> type or load a draft first.</p>"
            return None
        # here, not at the top: the analyser (spaCy and its word lists) loads on the first use only
        from medsome.disclosure import analyse_draft

        analysis = analyse_draft(self.text.value, population=self.population)
        facts = analysis.checklist_facts()
        self._busy = True
        try:
            self.patient.value = self.patient.value or any(v is not None for v in facts.values())
            self.reveal_age.value = facts["age"] is not None
            for name, value in facts.items():
                if name == "age":
                    self.controls[name].value = value if value is not None else self.controls[name].value
                else:
                    self.controls[name].value = value if name not in (*CONTEXT, "mark") else value or ""
        finally:
            self._busy = False
        audited = self.refresh()
        self.result.value = found_in_text_html(analysis) + self.result.value
        return audited

    def _row(self, draft_id: str) -> Mapping[str, Any]:
        return table_row(self.drafts, draft_id, "draft", UnknownDraft,
                         "PrePostChecklist(load_population(), load_draft_posts())")

    def load(self, draft_id: str) -> Audit | None:
        """Set every control to one draft's facts, show its text, and return the audit."""
        row = self._row(draft_id)
        draft = DraftPost.from_mapping(row)
        self._busy = True
        try:
            self.loaded = draft_id
            self.picker.value = draft_id
            self.text.value = draft.text
            self.patient.value = draft.patient_material
            self.reveal_age.value = draft.age is not None
            defaults = {f.name: f.default for f in fields(DraftPost)}
            for name, control in self.controls.items():
                value = getattr(draft, name)
                if name in (*CONTEXT, "mark"):
                    value = value or ""
                elif value is None:
                    value = control.value if name in ("age", "patient_age") else defaults.get(name)
                    if isinstance(control, w.Dropdown) and value not in [v for _, v in control.options]:
                        value = control.options[0][1]
                control.value = value
            self.pair.value = draft.before is not None
            self.before = dict(draft.before or STANDARD_SETUP)
            for parameter, control in self.after.items():
                control.value = (draft.after or STANDARD_SETUP)[parameter]
        finally:
            self._busy = False
        tag = row["example"]
        kind = f" (example: {tag.replace('_', ' ')})" if isinstance(tag, str) else ""
        self.case_text.value = (f"<p><b>Draft {html.escape(draft_id)}</b>{kind}. The checks read the facts "
                                "set below; <i>Fill identification from the text</i> sets them from the "
                                "text.</p>")
        return self.refresh()

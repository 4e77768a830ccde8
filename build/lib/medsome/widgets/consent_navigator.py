"""The consent navigator: answer questions about a case, one at a time; read the decision and why."""

from __future__ import annotations

import html
from enum import StrEnum

import ipywidgets as w
import pandas as pd

from medsome.consent import (
    CHILD_AGE_LIMIT,
    MAX_AGE,
    Authority,
    Capacity,
    Case,
    ConsentBy,
    ConsentLevel,
    Decision,
    ImageType,
    Outcome,
    Reason,
    Use,
    decide,
)
from medsome.errors import MedsomeError
from medsome.widgets.layout import live, panel, row

QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("How old is the patient?", ("age",)),
    ("Can the patient make this decision now?", ("capacity",)),
    ("Who holds parental or legal authority for the patient?", ("authority",)),
    ("Does the child object?", ("child_objects",)),
    ("What consent was obtained, from whom, and when?", ("consent", "consent_by", "asked_day_of_surgery")),
    ("What is the image for?", ("use",)),
    ("What does the image show?", ("image_type", "identifies")),
    ("Has anything changed since?", ("withdrawal_requested", "hospital_forbids_posting")),
)
CHILD_QUESTION = 3  # asked only about patients under CHILD_AGE_LIMIT
NO_VIGNETTE = "(choose a vignette)"


class UnknownVignette(MedsomeError, KeyError):
    """A vignette id the navigator's table does not hold."""

    def __str__(self) -> str:
        return str(self.args[0])


def _dropdown(members: list, description: str) -> w.Dropdown:
    """A labelled dropdown whose options read as words and whose values are the enum's values."""
    return w.Dropdown(options=[(m.label, m.value) for m in members], description=description)


def _checkbox(description: str) -> w.Checkbox:
    """A labelled checkbox, unticked."""
    return w.Checkbox(value=False, description=description, indent=False)


def _set_options(dropdown: w.Dropdown, members: list) -> None:
    """Offer only `members`, keeping the current answer when it is still allowed."""
    options = [(m.label, m.value) for m in members]
    if list(dropdown.options) == options:
        return
    keep = dropdown.value if dropdown.value in [value for _, value in options] else options[0][1]
    dropdown.options = options
    dropdown.value = keep


def _tag_words(tag: object) -> str:
    """A hard-case tag in words ('day_of_surgery' -> 'day of surgery'); '' for a generated case."""
    return tag.replace("_", " ") if isinstance(tag, str) else ""


def _plain(value: object) -> object:
    """An enum member as its plain value (what a dropdown holds); anything else unchanged."""
    return value.value if isinstance(value, StrEnum) else value


def _reason_html(reason: Reason) -> str:
    """One step of the chain: its finding and its clause, course rules marked in words."""
    mark = " <b>(the course's own teaching rule, not a guideline's words)</b>" if reason.course_rule else ""
    return (f"<li><b>{html.escape(reason.step)}.</b> {html.escape(reason.finding)}<br>"
            f"<i>Source:</i> {html.escape(reason.clause)}{mark}</li>")


class ConsentNavigator:
    """Answer the questions about a case; the navigator shows the decision and the clause behind each step."""

    def __init__(self, vignettes: pd.DataFrame | None = None) -> None:
        self.vignettes = None if vignettes is None else vignettes.set_index("vignette_id", drop=False)
        self.controls: dict[str, w.ValueWidget] = {
            "age": w.BoundedIntText(value=40, min=0, max=MAX_AGE, description="Age (years):"),
            "capacity": _dropdown(list(Capacity), "Capacity for this decision:"),
            "authority": _dropdown(list(Authority), "Parental or legal authority:"),
            "child_objects": _checkbox("The child objects or is distressed"),
            "consent": _dropdown(list(ConsentLevel), "Consent obtained:"),
            "consent_by": _dropdown(list(ConsentBy), "Consent given by:"),
            "asked_day_of_surgery": _checkbox("Consent was asked on the day of surgery"),
            "use": _dropdown(list(Use), "Intended use:"),
            "image_type": _dropdown(list(ImageType), "Image type:"),
            "identifies": _checkbox("Something in the image could identify the patient"),
            "withdrawal_requested": _checkbox("The patient or family asks to withdraw consent"),
            "hospital_forbids_posting": _checkbox("Hospital policy forbids posting on social media, even "
                                                  "with consent"),
        }
        self.pages = [w.VBox([w.HTML(f"<p><b>{html.escape(question)}</b></p>"),
                              *(self.controls[name] for name in names)]) for question, names in QUESTIONS]
        self.back = w.Button(description="Back", tooltip="Previous question")
        self.next = w.Button(description="Next", tooltip="Next question")
        self.show_all = _checkbox("Show all questions at once")
        self.progress, self.case_text, self.result = live(), w.HTML(), live()
        self.questions = w.VBox()
        self.page, self.loaded, self._busy = 0, None, False
        header = [self._picker()] if self.vignettes is not None else []
        self.widget = panel([*header, self.case_text, self.progress, self.questions,
                             row([self.back, self.next, self.show_all]), self.result])
        self.back.on_click(lambda _: self.previous_question())
        self.next.on_click(lambda _: self.next_question())
        for control in [*self.controls.values(), self.show_all]:
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def _picker(self) -> w.Dropdown:
        """The dropdown that loads a vignette by id."""
        rows = zip(self.vignettes["vignette_id"], self.vignettes["hard_case"], strict=True)
        labels = [(f"{vid} · {_tag_words(tag) or 'generated case'}", vid) for vid, tag in rows]
        self.picker = w.Dropdown(options=[(NO_VIGNETTE, ""), *labels], description="Load vignette:")
        self.picker.observe(lambda change: change["new"] and change["new"] != self.loaded
                            and self.load(change["new"]), names="value")
        return self.picker

    @property
    def case(self) -> Case:
        """The case the answers describe."""
        return Case.from_mapping({name: control.value for name, control in self.controls.items()})

    @property
    def decision(self) -> Decision:
        """The rules' decision for the case the answers describe."""
        return decide(self.case)

    def _relevant(self) -> list[int]:
        """The pages to ask: the child's objection only for patients under CHILD_AGE_LIMIT."""
        child = self.controls["age"].value < CHILD_AGE_LIMIT
        return [i for i in range(len(QUESTIONS)) if i != CHILD_QUESTION or child]

    def next_question(self) -> None:
        """Move to the next question that applies to this case."""
        later = [i for i in self._relevant() if i > self.page]
        self.page = later[0] if later else self.page
        self.refresh()

    def previous_question(self) -> None:
        """Move back to the previous question that applies to this case."""
        earlier = [i for i in self._relevant() if i < self.page]
        self.page = earlier[-1] if earlier else self.page
        self.refresh()

    def _sync(self) -> None:
        """Keep the answers consistent: options and locks follow age, consent and image type."""
        c = self.controls
        child = c["age"].value < CHILD_AGE_LIMIT
        excluded = Authority.SELF if child else Authority.PARENT
        _set_options(c["authority"], [a for a in Authority if a is not excluded])
        if not child:
            c["child_objects"].value = False
        none = c["consent"].value == ConsentLevel.NONE
        _set_options(c["consent_by"], [ConsentBy.NOBODY] if none else
                     [g for g in ConsentBy if g is not ConsentBy.NOBODY])
        if none:
            c["asked_day_of_surgery"].value = False
        c["consent_by"].disabled = c["asked_day_of_surgery"].disabled = none
        face = c["image_type"].value == ImageType.FACE
        if face:
            c["identifies"].value = True
        c["identifies"].disabled = face

    def _show_questions(self) -> None:
        """Show the current question (or all of them), the progress line and the buttons' state."""
        relevant = self._relevant()
        if self.page not in relevant:
            self.page = next((i for i in relevant if i > self.page), relevant[-1])
        if self.show_all.value:
            self.questions.children = [self.pages[i] for i in relevant]
            self.progress.value = f"<p>All {len(relevant)} questions are shown.</p>"
        else:
            self.questions.children = [self.pages[self.page]]
            number = relevant.index(self.page) + 1
            later = " Later questions keep their current answers." if number < len(relevant) else ""
            self.progress.value = f"<p>Question {number} of {len(relevant)}.{later}</p>"
        self.back.disabled = self.show_all.value or self.page == relevant[0]
        self.next.disabled = self.show_all.value or self.page == relevant[-1]

    def _loaded_note(self) -> str:
        """How the current answers relate to the loaded vignette, if any."""
        if self.loaded is None:
            return ""
        row = self.vignettes.loc[self.loaded]
        if self.case != Case.from_mapping(row):
            return (f"<p>You have changed the facts of {self.loaded}; the experts' decision in the data "
                    "is for the original facts.</p>")
        label, rule = Outcome(row["decision"]).label, row["rule"]
        return f"<p>The experts' decision recorded for {self.loaded}: <b>{label}</b> (rule: {rule}).</p>"

    def _render(self, decision: Decision) -> None:
        """Write the decision in words and every step with its clause."""
        steps = "".join(_reason_html(reason) for reason in decision.reasons)
        self.result.value = (
            f"<p><b>Decision: {html.escape(decision.decision.label)}.</b> Settled at the step "
            f"'{html.escape(decision.reasons[-1].step)}'.</p><p>How the rules reach it, step by step:</p>"
            f"<ol>{steps}</ol>{self._loaded_note()}"
        )

    def refresh(self) -> None:
        """Make the answers consistent, show the current question(s), and redraw the decision."""
        if self._busy:
            return
        self._busy = True
        try:
            self._sync()
            self._show_questions()
            self._render(self.decision)
        finally:
            self._busy = False

    def _row(self, vignette_id: str) -> pd.Series:
        """The vignette's row, or an error that says what to do."""
        if self.vignettes is None:
            raise MedsomeError("this navigator has no vignettes: create it with "
                               "ConsentNavigator(load_vignettes())")
        if vignette_id not in self.vignettes.index:
            first, last = self.vignettes.index[0], self.vignettes.index[-1]
            raise UnknownVignette(f"no vignette {vignette_id!r}; the ids run from {first} to {last}")
        return self.vignettes.loc[vignette_id]

    def load(self, vignette_id: str) -> Decision:
        """Set every answer to one vignette's facts, show its text, and return the decision."""
        row = self._row(vignette_id)
        case = Case.from_mapping(row)
        self._busy = True
        try:
            for name in ("age", "consent", "image_type"):  # these decide the other controls' options
                self.controls[name].value = _plain(getattr(case, name))
            self._sync()
            for name, control in self.controls.items():
                control.value = _plain(getattr(case, name))
            self.loaded, self.page = vignette_id, 0
            self.picker.value = vignette_id
        finally:
            self._busy = False
        tag = _tag_words(row["hard_case"])
        kind = f" (hard case: {tag})" if tag else ""
        self.case_text.value = f"<p><b>Vignette {vignette_id}</b>{kind}: {html.escape(row['text'])}</p>"
        self.refresh()
        return self.decision

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)

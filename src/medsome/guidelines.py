"""What seven professional bodies say about doctors on social media: a rule matrix, cited per cell.

The bodies are the AMA, the GMC, the BMA, the WMA, the FSMB, the ACP with the FSMB, and the
Finnish Medical Association (FMA). Each cell says whether the body's retrieved guidance *states*
a rule, whether the rule was *not seen* in the retrieved text, or whether the cell is
*unverified*, and cites where the statement comes from. Every cell rests on the course's
evidence file (§1, including its cross-guideline checklist): a tag "V" marks a statement checked
against the source, "P" one checked only partly (a secondary summary, or a checklist mark whose
clause the retrieved summary does not quote). "Not seen" means only that: the text the course
retrieved does not show the rule; it never means the body rejects it.

The lesson shows the matrix; the Module 5 assignment asks learners to compare the bodies
themselves, so nothing here says which rules are shared or unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from medsome.errors import DatasetError, UnknownName


class Status(StrEnum):
    """What the retrieved guidance shows about one rule of one body."""

    STATED = "stated"
    NOT_SEEN = "not_seen"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Body:
    """A professional body and the documents of it the course draws on."""

    code: str
    name: str
    documents: str


@dataclass(frozen=True)
class Rule:
    """One rule of conduct, worded as the course's checklist words it."""

    rule_id: str
    text: str


@dataclass(frozen=True)
class Cell:
    """One body's position on one rule, with its source."""

    rule_id: str
    body: str
    status: Status
    tag: str
    citation: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        allowed = {Status.STATED: ("V", "P"), Status.NOT_SEEN: ("",), Status.UNVERIFIED: ("U",)}
        if self.tag not in allowed[self.status]:
            raise ValueError(f"cell {self.rule_id}/{self.body}: a {self.status.value} cell has the tag "
                             f"{' or '.join(repr(t) for t in allowed[self.status])}, not {self.tag!r}")
        if not self.citation:
            raise ValueError(f"cell {self.rule_id}/{self.body}: every cell needs a citation")

    @property
    def symbol(self) -> str:
        """The cell as the checklist prints it: ✓, ✓ [P], – or [U]."""
        return {Status.STATED: "✓" if self.tag == "V" else "✓ [P]", Status.NOT_SEEN: "–",
                Status.UNVERIFIED: "[U]"}[self.status]


class UnknownRule(UnknownName):
    """A rule id or body code the matrix does not hold."""


BODIES: tuple[Body, ...] = (
    Body("AMA", "American Medical Association",
         "Code of Medical Ethics Opinion 2.3.2 (CEJA report adopted November 2010; Shore et al., "
         "J Clin Ethics 2011;22(2):165-72)"),
    Body("GMC", "General Medical Council (UK)",
         "Doctors' use of social media (2013); Using social media as a medical professional (2024)"),
    Body("BMA", "British Medical Association",
         "Using social media: practical and ethical guidance for doctors and medical students (c.2011)"),
    Body("WMA", "World Medical Association",
         "Statement on the Professional and Ethical Use of Social Media (Montevideo 2011, revised "
         "Berlin 2022); the 2022 recommendation list was not retrieved"),
    Body("FSMB", "Federation of State Medical Boards (US)",
         "Model Policy Guidelines (April 2012); statement of 29 July 2021; the 2019 replacement's "
         "detailed recommendations were not retrieved"),
    Body("ACP/FSMB", "American College of Physicians with the FSMB",
         "Farnan JM et al. Online medical professionalism: patient and public relationships. "
         "Ann Intern Med 2013;158(8):620-627"),
    Body("FMA", "Finnish Medical Association (Lääkäriliitto)",
         "Sosiaalinen media (adopted 13 December 2012; Swedish version approved 13 February 2020)"),
)
BODY_CODES = tuple(body.code for body in BODIES)

RULES: tuple[Rule, ...] = (
    Rule("no_identifiable_data", "Never post identifiable patient information"),
    Rule("content_permanent", "Privacy settings are not absolute; what you post is permanent"),
    Rule("boundaries", "Keep boundaries with patients online (no 'friending'; advice only within care)"),
    Rule("separate_spheres", "Separate personal and professional content"),
    Rule("declare_interests", "Declare conflicts of interest"),
    Rule("act_on_colleagues", "Act on a colleague's unprofessional posts"),
    Rule("same_ethics_online", "The same ethics and professional standards apply online"),
    Rule("trust_and_career", "Online conduct affects your career and public trust in the profession"),
    Rule("monitor_presence", "Monitor (self-audit) your own online presence"),
    Rule("factual_information", "Give factual information; do not spread misinformation"),
    Rule("give_your_name", "Give your name when you identify yourself as a doctor"),
    Rule("anonymity_traceable", "Do not rely on anonymity: anonymous posts can be traced"),
    Rule("no_abuse", "Do not abuse, discriminate against, bully, harass or target anyone"),
    Rule("no_derogatory_comments", "No derogatory comments about patients or colleagues"),
    Rule("defamation_law", "Defamation law applies to what you post"),
    Rule("true_credentials", "Do not misrepresent your credentials"),
)

_CHECKLIST = "the course's cross-guideline checklist (course references)"
_NOT_SEEN = f"{_CHECKLIST}: not seen in the retrieved text"
_NOT_IN_SUMMARY = "not seen in the retrieved text (course references)"
_AMA = "AMA Code of Medical Ethics Op. 2.3.2"
_GMC13 = "GMC, Doctors' use of social media (2013)"
_GMC24 = "GMC, Using social media as a medical professional (2024)"
_BMA = "BMA, Using social media: practical and ethical guidance (c.2011)"
_WMA22 = "WMA statement (revised 2022)"
_WMA11 = "WMA statement, 2011 recommendations as given by a secondary summary"
_FSMB12 = "FSMB Model Policy Guidelines (2012)"
_ACP = "Farnan et al. (ACP/FSMB), Ann Intern Med 2013"
_FMA = "Finnish Medical Association, Sosiaalinen media"


def _stated(tag: str, citation: str) -> tuple[Status, str, str]:
    return Status.STATED, tag, citation


def _unverified(citation: str) -> tuple[Status, str, str]:
    return Status.UNVERIFIED, "U", citation


NOT_SEEN = (Status.NOT_SEEN, "", _NOT_SEEN)
NOT_IN_SUMMARY = (Status.NOT_SEEN, "", _NOT_IN_SUMMARY)

# One entry per rule, one cell per body in BODY_CODES order.
_TABLE: dict[str, tuple[tuple[Status, str, str], ...]] = {
    "no_identifiable_data": (
        _stated("V", f"{_AMA}: never post identifiable patient information"),
        _stated("V", f"{_GMC24} paras 18-19: respect confidentiality; the sum of harmless details can "
                "identify a patient; identifiable information only with explicit consent"),
        _stated("V", f"{_BMA}: confidentiality applies equally online"),
        _stated("P", f"{_CHECKLIST} (✓); the retrieved 2022 text warns that sensitive photos and "
                "videos may stay online permanently"),
        _stated("V", f"{_FSMB12}: no identifying information"),
        _stated("P", f"{_CHECKLIST} (✓); position 1: ethical principles apply online"),
        _stated("P", f"{_CHECKLIST} (✓); {_FMA}: the laws and professional rules governing a "
                "doctor's conduct apply on social media too"),
    ),
    "content_permanent": (
        _stated("V", f"{_AMA}: use privacy settings, but they are not absolute and content is permanent"),
        _stated("V", f"{_GMC13}: no site guarantees confidentiality; {_GMC24} para 9: private groups "
                "and instant messages can become public"),
        _stated("V", f"{_BMA}: use conservative privacy settings"),
        _stated("V", f"{_WMA22}: sensitive photos and videos may stay online permanently"),
        NOT_SEEN,
        _stated("V", f"{_ACP}, position 5: consider the long-term consequences of posts"),
        _stated("V", f"{_FMA}: treat everything shared as fully public; content is permanent and its "
                "spread uncontrollable"),
    ),
    "boundaries": (
        _stated("V", f"{_AMA}: keep patient–physician boundaries when interacting with patients online"),
        _stated("P", f"{_CHECKLIST} (✓); the clause is not quoted in the retrieved summary"),
        _stated("V", f"{_BMA}: do not accept friend requests from current or former patients"),
        _stated("P", f"{_CHECKLIST} (✓); the clause is not quoted in the retrieved summary"),
        _stated("V", f"{_FSMB12}: interact with patients online only within the care relationship, "
                "never on personal sites; no personal or sexual relationships via digital media"),
        _stated("V", f"{_ACP}, position 3: communicate electronically only within established "
                "relationships"),
        _unverified(f"{_CHECKLIST}: [U], not checked"),
    ),
    "separate_spheres": (
        _stated("V", f"{_AMA}: consider separating personal and professional content"),
        NOT_SEEN,
        _stated("P", f"{_CHECKLIST} (✓); the clause is not quoted in the retrieved summary"),
        _stated("P", f"{_WMA11}: separate personal and professional life"),
        _unverified(f"{_CHECKLIST}: [U], not checked"),
        _stated("V", f"{_ACP}, position 2: separate the professional and social spheres"),
        _unverified(f"{_CHECKLIST}: [U], not checked"),
    ),
    "declare_interests": (
        _unverified(f"{_CHECKLIST}: [U]; conflict-of-interest disclosure was not seen in the "
                    "retrieved AMA text"),
        _stated("P", f"{_CHECKLIST} (✓); {_GMC13}, its conflicts-of-interest advice: be open about any "
                "conflict of interest and declare financial or commercial interests in healthcare "
                "organisations or pharmaceutical and biomedical companies (wording checked in the published "
                "draft; its paragraph number in the final text is not checked)"),
        _stated("V", f"{_BMA}: posting doctors have an ethical obligation to declare conflicts of "
                "interest"),
        _stated("P", f"{_WMA11}: give factual information and declare conflicts of interest"),
        _stated("V", f"{_FSMB12}: disclose conflicts of interest"),
        _unverified(f"{_CHECKLIST}: [U], not checked"),
        _unverified(f"{_CHECKLIST}: [U], not checked"),
    ),
    "act_on_colleagues": (
        _stated("V", f"{_AMA}: tell a colleague who posts unprofessional content first; report a "
                "serious breach that is not remedied"),
        NOT_SEEN,
        NOT_SEEN,
        _stated("P", f"{_WMA11}: speak to or report colleagues who behave clearly inappropriately"),
        NOT_SEEN,
        NOT_SEEN,
        _unverified(f"{_CHECKLIST}: [U], not checked"),
    ),
    "same_ethics_online": (
        _stated("P", f"{_AMA}: standards of patient privacy and confidentiality must be maintained in all "
                "environments, including online (privacy only, not every standard)"),
        _stated("V", f"{_GMC13}: standards do not change online"),
        _stated("P", f"{_BMA}: the ethical and legal duty of confidentiality applies equally on the internet "
                "(confidentiality only, not every standard)"),
        NOT_IN_SUMMARY,
        NOT_IN_SUMMARY,
        _stated("V", f"{_ACP}, position 1: ethical principles apply online"),
        _stated("V", f"{_FMA}: the laws and professional rules governing a doctor's conduct apply on "
                "social media too"),
    ),
    "trust_and_career": (
        _stated("V", f"{_AMA}: online conduct can damage your career and public trust"),
        _stated("V", f"{_GMC13}, quoting Good medical practice para 65: your conduct must justify your "
                "patients' trust in you and the public's trust in the profession"),
        NOT_IN_SUMMARY,
        _stated("V", f"{_WMA22}: one of its 2022 objectives is to protect trust"),
        NOT_IN_SUMMARY,
        _stated("V", f"{_ACP}, position 5: consider the long-term consequences of posts for your career"),
        _stated("V", f"{_FMA}: a doctor whose profession is known always represents the whole profession"),
    ),
    "monitor_presence": (
        _stated("V", f"{_AMA}: monitor your own online presence"),
        NOT_IN_SUMMARY,
        NOT_IN_SUMMARY,
        _stated("P", f"{_WMA11}: monitor your online presence"),
        NOT_IN_SUMMARY,
        _stated("V", f"{_ACP}, position 4: self-audit your online presence"),
        NOT_IN_SUMMARY,
    ),
    "factual_information": (
        NOT_IN_SUMMARY,
        _stated("P", f"{_GMC13}, quoting Good medical practice para 70: when advertising your services, "
                "publish information that is factual and can be checked, and do not exploit patients' "
                "vulnerability (a rule on advertising, narrower than factual information in general)"),
        NOT_IN_SUMMARY,
        _stated("V", f"{_WMA22}: objectives to promote quality information and stand against "
                "misinformation and disinformation"),
        _stated("V", "FSMB statement of 29 July 2021: physicians who spread COVID-19 vaccine "
                "misinformation risk suspension or revocation of their licence"),
        NOT_IN_SUMMARY,
        NOT_IN_SUMMARY,
    ),
    "give_your_name": (
        NOT_IN_SUMMARY,
        _stated("V", f"{_GMC13} para 17: a doctor who identifies as a doctor in public should also give "
                f"their name ('should', not 'must'); {_GMC24} keeps a softer form: if you comment on health "
                "or healthcare you should usually say who you are"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
    ),
    "anonymity_traceable": (
        NOT_IN_SUMMARY,
        _stated("V", f"{_GMC13} para 18: anonymous posts can be traced"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
    ),
    "no_abuse": (
        NOT_IN_SUMMARY,
        _stated("V", f"{_GMC24} para 14: do not use social media to abuse, discriminate, bully, harass "
                "or target anyone"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
        _unverified(f"{_FMA}: a later revision added targeting and stalking (date unchecked); its "
                    "wording was not retrieved"),
    ),
    "no_derogatory_comments": (
        NOT_IN_SUMMARY,
        _stated("P", f"{_GMC13}, quoting Good medical practice para 36: treat colleagues fairly and with "
                "respect (colleagues only; patients are not named in the clause)"),
        _stated("V", f"{_BMA}: no derogatory comments about patients or colleagues"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
    ),
    "defamation_law": (
        NOT_IN_SUMMARY, NOT_IN_SUMMARY,
        _stated("V", f"{_BMA}: defamation law applies"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
    ),
    "true_credentials": (
        NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY, NOT_IN_SUMMARY,
        _stated("V", f"{_FSMB12}: no misrepresented credentials"),
        NOT_IN_SUMMARY, NOT_IN_SUMMARY,
    ),
}


def cells() -> tuple[Cell, ...]:
    """Every cell of the matrix, rule by rule, bodies in BODY_CODES order."""
    found = []
    for rule in RULES:
        row = _TABLE[rule.rule_id]
        if len(row) != len(BODIES):
            raise ValueError(f"rule {rule.rule_id}: {len(row)} cells for {len(BODIES)} bodies")
        found += [Cell(rule.rule_id, code, *entry) for code, entry in zip(BODY_CODES, row, strict=True)]
    return tuple(found)


def rule_text(rule_id: str) -> str:
    """The rule's wording, or an error listing the rule ids."""
    for rule in RULES:
        if rule.rule_id == rule_id:
            return rule.text
    raise UnknownRule(f"no rule {rule_id!r}; the rules are {', '.join(r.rule_id for r in RULES)}")


def cell(rule_id: str, body: str) -> Cell:
    """One body's cell for one rule."""
    rule_text(rule_id)
    if body not in BODY_CODES:
        raise UnknownRule(f"no body {body!r}; the bodies are {', '.join(BODY_CODES)}")
    return next(c for c in cells() if c.rule_id == rule_id and c.body == body)


MATRIX_COLUMNS = ("rule_id", "rule", "body", "status", "tag", "citation")


def rule_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """The long table of cells as a rules × bodies grid of symbols (✓, ✓ [P], –, [U]) to read."""
    if not isinstance(table, pd.DataFrame):
        raise DatasetError(f"rule_matrix needs the table of cells as a DataFrame, not {type(table).__name__}")
    missing = [c for c in MATRIX_COLUMNS if c not in table.columns]
    if missing:
        raise DatasetError(f"the table of cells lacks the column(s) {', '.join(repr(c) for c in missing)}; "
                           "load it with load_rule_matrix()")
    symbols = [Cell(r.rule_id, r.body, r.status, r.tag if isinstance(r.tag, str) else "", r.citation).symbol
               for r in table.itertuples(index=False)]
    grid = table.assign(symbol=symbols).pivot(index="rule", columns="body", values="symbol")
    rules = list(dict.fromkeys(table["rule"]))
    bodies = [b for b in BODY_CODES if b in grid.columns] + [b for b in grid.columns if b not in BODY_CODES]
    return grid.reindex(index=rules, columns=bodies).rename_axis(index="rule", columns="body")


def status_feedback(answer: object, rule_id: str, body: str) -> str:
    """Plain-words feedback on a learner's reading of one cell's status, with its source once right."""
    target = cell(rule_id, body)
    values = [s.value for s in Status]
    if not isinstance(answer, str) or answer not in values:
        return f"Not answered yet: your answer should be one of {', '.join(repr(v) for v in values)}."
    if answer == target.status.value:
        notes = {"V": " (checked against the source)", "P": " (partly checked: read it with care)"}
        tag = notes.get(target.tag, "")
        return f"Correct: {body} on '{rule_text(rule_id)}' is {answer}{tag}. Source: {target.citation}."
    return (f"Not yet. Find the row where rule_id is {rule_id!r} and body is {body!r}, and read its "
            "status column (the grid shows it as a symbol: ✓ stated, – not seen, [U] unverified).")

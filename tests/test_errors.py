"""Unknown names and missing fields: one error each, a KeyError that prints its message as written."""

from __future__ import annotations

import pytest

from medsome.bibliography import Bibliography, parse_bibliography
from medsome.checklist import DraftPost
from medsome.consent import Case
from medsome.errors import MedsomeError, MissingFields, UnknownName
from medsome.guidelines import UnknownRule
from medsome.privacy import UnknownDetail
from medsome.widgets.before_after_studio import UnknownPair
from medsome.widgets.consent_navigator import UnknownVignette
from medsome.widgets.discern_rater import UnknownPost
from medsome.widgets.prepost_checklist import UnknownDraft

CASE = {"age": 50, "capacity": "has", "authority": "self", "consent": "written_social_media",
        "consent_by": "patient", "use": "public_social_media", "image_type": "external", "identifies": True,
        "child_objects": False, "asked_day_of_surgery": False, "withdrawal_requested": False,
        "hospital_forbids_posting": False}


@pytest.mark.parametrize("kind", [UnknownRule, UnknownDetail, UnknownPair, UnknownVignette, UnknownPost,
                                  UnknownDraft, MissingFields])
def test_every_unknown_name_is_one_error_that_prints_as_written(kind: type[UnknownName]) -> None:
    assert issubclass(kind, UnknownName) and issubclass(kind, KeyError) and issubclass(kind, MedsomeError)
    assert "__str__" not in vars(kind)
    assert str(kind("no rule 'x'; the rules are a, b")) == "no rule 'x'; the rules are a, b"


def test_a_case_without_fields_names_them_without_quotes() -> None:
    row = {k: v for k, v in CASE.items() if k not in ("use", "identifies")}
    with pytest.raises(MissingFields) as caught:
        Case.from_mapping(row)
    assert str(caught.value).startswith("a case needs the field(s) use, identifies: add them")
    assert Case.from_mapping(CASE).use == "public_social_media"


def test_a_draft_without_fields_names_them_without_quotes() -> None:
    with pytest.raises(KeyError) as caught:  # a MissingFields is still a KeyError for existing handlers
        DraftPost.from_mapping({"text": "an invented draft"})
    assert isinstance(caught.value, MissingFields)
    message = str(caught.value)
    assert message.startswith("a draft post needs the field(s) draft_id, patient_material: add them")


def test_an_unknown_bibliography_entry_prints_as_written() -> None:
    bib = Bibliography(parse_bibliography("### Sweeney 2000\n\n- **Reference:** Sweeney L. Uniqueness.\n"))
    with pytest.raises(UnknownName) as caught:
        bib.entry("Nobody 1999")
    assert str(caught.value) == "no entry 'Nobody 1999'; the entries are: Sweeney 2000"

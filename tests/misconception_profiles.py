"""Synthetic submissions that reason the way clinicians often get it wrong, one misconception each.

A profile overrides some answers of the solution with what someone holding the misconception would
write; every other answer stays right. The blueprint (docs/blueprint.csv) names the misconceptions
each item targets: a profile must lose points on exactly those items and keep all the others.
"""

from __future__ import annotations

# assignment -> misconception id -> {answer variable: the Python expression the learner writes}
PROFILES: dict[str, dict[str, dict[str, str]]] = {
    "02_identification": {
        "no_name_anonymous": {  # only names and named places count
            "reveals_a": '{"hospital"}',
            "reveals_b": '{"sex"}',
            "reveals_c": '{"date"}',
            "floor_decisions": ('{"P19": "not_identifiable", "P35": "not_identifiable", '
                                '"P39": "not_identifiable"}'),
            "ranking_salo": '"BAEDC"',
        },
        "count_is_verdict": {  # five or more matches means safe
            "floor_decisions": ('{"P19": "not_identifiable", "P35": "not_identifiable", '
                                '"P39": "identifiable"}'),
        },
        "metadata_invisible": {  # only what the picture shows
            "photo_reveals": '{"window_view", "tattoo"}',
            "before_posting": '{"C", "D", "F"}',
        },
        "closed_group_private": {
            "before_posting": '{"A", "C", "E"}',
        },
        "eye_bar": {  # masking part of a mark is enough
            "before_posting": '{"A", "B", "D"}',
        },
    },
    "03_consent": {
        "said_yes": {  # he signed, so it is covered
            "facts_aaltonen": ('{"adult_with_capacity", "consent_in_writing", "consent_names_social_media", '
                               '"asked_on_day_of_surgery", "image_could_identify", "use_is_public"}'),
            "decisions": ('{"S1": "post", "S2": "post", "S3": "do_not_post", "S4": "wait", '
                          '"S5": "do_not_post", "S6": "post"}'),
            "ranking_preop": '"CBADE"',
            "ratings": '{"A": 4, "B": 4, "C": 3, "D": 1, "E": 3}',
        },
        "no_name_anonymous": {  # nobody could recognise her, so no consent is needed
            "decisions": ('{"S1": "obtain_further_consent", "S2": "post", "S3": "do_not_post", "S4": "wait", '
                          '"S5": "do_not_post", "S6": "post"}'),
        },
        "parents_decide": {  # whoever signs for the patient settles it
            "decisions": ('{"S1": "obtain_further_consent", "S2": "obtain_further_consent", "S3": "post", '
                          '"S4": "wait", "S5": "do_not_post", "S6": "post"}'),
            "ranking_preop": '"AEBDC"',
        },
        "closed_group_private": {
            "ratings": '{"A": 4, "B": 4, "C": 4, "D": 1, "E": 3}',
        },
    },
}

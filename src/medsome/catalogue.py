"""The course's datasets as tables: each file, its columns, their kinds, meanings and units.

The loaders (`medsome.data`) check every file against its schema here, and the seeded generators
(`medsome.datasets`) write their tables in the same column order. Only schemas live here, no
generator and no rule, so loading a dataset costs no more than pandas and this page; the data cards
(datasets/cards/) say how each table was made.
"""

from __future__ import annotations

from medsome.schema import Column, Schema
from medsome.world import BACKGROUNDS, CLOTHING, SKIN_TONES

# The columns Module 4's posts are appraised in: DISCERN's 16 items (medsome.appraisal rates them)
# and the four JAMA benchmarks (Silberg 1997), one true/false column each.
DISCERN_COLUMNS = tuple(f"discern_{n:02d}" for n in range(1, 17))
JAMA_BENCHMARKS = ("authorship", "attribution", "disclosure", "currency")

# --- Module 1: why (and whether) to be on social media --------------------------------------------

USERS_SCHEMA = Schema("why_some/social_media_users.csv", (
    Column("year", "int", "calendar year of the count"),
    Column("month", "int", "month of the count (1 = January; 7 = July)"),
    Column("users_bn", "float", "social media user identities worldwide", unit="billions"),
    Column("kind", "str", "reported (a checked published figure), derived (computed from one) or synthetic"),
    Column("source", "str", "where the figure comes from, or 'synthetic: ...'"),
))

ACADEMICS_SCHEMA = Schema("why_some/academics.csv", (
    Column("academic_id", "str", "identifier of the invented academic, A01 onwards"),
    Column("specialty", "str", "surgical specialty"),
    Column("career_years", "int", "years since the first paper", unit="years"),
    Column("papers", "int", "papers published", unit="papers"),
    Column("citations", "int", "citations to all papers", unit="citations"),
    Column("h_index", "int", "the largest h such that h papers have at least h citations each"),
    Column("x_followers", "int", "followers on X (formerly Twitter)", unit="followers"),
    Column("instagram_followers", "int", "followers on Instagram", unit="followers"),
    Column("posts_per_month", "float", "average posts a month over the last year, all platforms",
           unit="posts a month"),
))

AGE_GROUPS = ("18-29", "30-44", "45-59", "60-74", "75+")
SURVEY_TOPICS: dict[str, str] = {  # what a respondent may have looked for online, in words
    "disease": "the disease or condition",
    "treatment": "treatment options",
    "procedure": "how the operation is done",
    "surgeon": "the surgeon",
    "hospital": "the hospital or clinic",
    "clinical_photos": "clinical (before/after) photographs",
    "reviews": "other patients' reviews",
}
TOPIC_COLUMNS = tuple(f"sought_{topic}" for topic in SURVEY_TOPICS)

SURVEY_SCHEMA = Schema("why_some/information_survey.csv", (
    Column("respondent_id", "str", "identifier of the invented respondent, R001 onwards"),
    Column("age_group", "str", f"age group in years: {', '.join(AGE_GROUPS)}"),
    Column("uses_internet", "bool", "looked for information online before the consultation"),
    Column("uses_social_media", "bool", "uses social media (only possible with internet use)"),
    Column("joined_since_2020", "bool", "started using social media in 2020 or later (false for non-users)"),
    *(Column(f"sought_{topic}", "bool", f"looked online for {words} (false without internet use)")
      for topic, words in SURVEY_TOPICS.items()),
))

# --- Module 2: identification risk ---------------------------------------------------------------

POPULATION_SCHEMA = Schema("identification/population.csv", (
    Column("municipality", "str", "municipality of residence (invented)"),
    Column("district", "str", "the district the municipality belongs to (invented)"),
    Column("age", "int", "age in whole years", unit="years"),
    Column("sex", "str", "female or male"),
    Column("condition", "str", "a rare visible condition, or 'none'"),
    Column("occupation", "str", "a conspicuous occupation, or 'other'"),
    Column("count", "int", "number of people with exactly these values", unit="people"),
))
CASE_POSTS_SCHEMA = Schema("identification/case_posts.csv", (
    Column("post_id", "str", "identifier of the post, P01 to P40"),
    Column("text", "str", "the post as a clinician might write it (invented)"),
    Column("age", "int", "age the post reveals, empty if none", unit="years", nullable=True),
    Column("sex", "str", "sex the post reveals, empty if none", nullable=True),
    Column("municipality", "str", "municipality the post reveals, empty if none", nullable=True),
    Column("condition", "str", "rare condition the post reveals, empty if none", nullable=True),
    Column("occupation", "str", "occupation the post reveals, empty if none", nullable=True),
    Column("date", "str", "date or named day the post reveals, empty if none", nullable=True),
    Column("time_of_day", "str", "time of day the post reveals, empty if none", nullable=True),
    Column("hospital", "str", "hospital the post reveals, empty if none", nullable=True),
    Column("mark", "str", "visible mark (tattoo, scar) the post reveals, empty if none", nullable=True),
    Column("identifiers", "str", "the categories revealed, ';'-joined in a fixed order"),
))

PHOTOS_SCHEMA = Schema("identification/photos.csv", (
    Column("file", "str", "the JPEG's path, relative to datasets/"),
    Column("scene", "str", "the photo's name; photo_path(scene) finds the file"),
    Column("visible_identifiers", "str", "identifiers drawn into the picture, ';'-separated",
           nullable=True),
    Column("exif_identifiers", "str", "what the file's metadata gives away, ';'-separated",
           nullable=True),
    Column("alt_text", "str", "what the picture shows, for screen readers"),
))

# --- Module 3: consent ---------------------------------------------------------------------------

VIGNETTES_SCHEMA = Schema("consent/vignettes.csv", (
    Column("vignette_id", "str", "identifier of the vignette, V001 onwards"),
    Column("hard_case", "str", "the hard case it illustrates (e.g. day_of_surgery); empty if generated",
           nullable=True),
    Column("text", "str", "the case as a clinician would meet it (invented)"),
    Column("age", "int", "the patient's age in whole years (0 = under one year)", unit="years"),
    Column("capacity", "str", "capacity for this decision now: has, temporarily_lacks or lacks"),
    Column("capacity_note", "str", "why capacity is lacking, e.g. intoxicated; empty if it is not",
           nullable=True),
    Column("authority", "str", "who holds parental or legal authority: self, parent, guardian or none"),
    Column("child_objects", "bool", "a child under 16 objects or is distressed"),
    Column("consent", "str", "consent obtained: none, verbal, written_general or written_social_media"),
    Column("consent_by", "str", "who gave it: patient, parent, guardian, relative or nobody"),
    Column("asked_day_of_surgery", "bool", "consent was asked on the day of surgery"),
    Column("use", "str", "intended use: care_record, internal_teaching, journal, closed_group or "
           "public_social_media"),
    Column("image_type", "str", "what the image shows: external, face or internal (incl. endoscopic)"),
    Column("identifies", "bool", "something in the image could identify the patient"),
    Column("withdrawal_requested", "bool", "the patient (or family) has asked to withdraw consent"),
    Column("hospital_forbids_posting", "bool", "hospital policy forbids patient images on social media, "
           "even with consent"),
    Column("decision", "str", "the experts' decision: post, do_not_post, obtain_further_consent or wait"),
    Column("rule", "str", "the rule that decides it (see medsome.consent and the data card)"),
))

# --- Module 4: misinformation and content quality -----------------------------------------------

_DISCERN = tuple(Column(c, "int", f"DISCERN item {int(c[-2:])} rating, 1 (no) to 5 (yes), by the "
                        "course's synthetic panel", unit="1-5") for c in DISCERN_COLUMNS)
_POST_COLUMNS = (
    Column("post_id", "str", "identifier: M0001 onwards in the corpus, F1 onwards for featured posts"),
    Column("featured", "str", "the theme of a hand-written featured post; empty in the corpus",
           nullable=True),
    Column("platform", "str", "instagram, tiktok or youtube"),
    Column("creator_role", "str", "board_certified_plastic_surgeon, other_physician, non_physician_clinic "
           "or influencer"),
    Column("post_type", "str", "explainer, procedure_video, before_after, testimonial or comedy"),
    Column("procedure", "str", "the aesthetic procedure the post is about"),
    Column("text", "str", "the post's caption (invented)"),
    Column("educational", "bool", "the post sets out to teach"),
    Column("self_promotional", "bool", "the post promotes the creator's own practice or business"),
    Column("accuracy", "str", "accurate, or inaccurate (inaccurate or unsafe): the synthetic panel's label"),
    Column("asepsis_breach", "bool", "a step that should be aseptic is shown done with bare hands"),
    Column("views", "int", "times the post was viewed", unit="views"),
    Column("likes", "int", "likes", unit="likes"),
    Column("comments", "int", "comments", unit="comments"),
    Column("shares", "int", "shares or reposts", unit="shares"),
    *(Column(b, "bool", f"JAMA benchmark met: {b}") for b in JAMA_BENCHMARKS),
    *_DISCERN,
)
POSTS_SCHEMA = Schema("misinformation/posts.csv", _POST_COLUMNS)
FEATURED_SCHEMA = Schema("misinformation/featured_posts.csv", _POST_COLUMNS)

_PAIR_SETUP = {
    "lighting": ("float", "exposure relative to the standard set-up", "stops"),
    "flash": ("bool", "an on-camera flash was used", ""),
    "zoom": ("float", "magnification relative to the standard framing", "×"),
    "angle": ("int", "degrees the subject is turned from facing the camera", "degrees"),
    "background": ("str", f"one of {', '.join(BACKGROUNDS)}", ""),
    "clothing": ("str", f"one of {', '.join(CLOTHING)}", ""),
}
PAIRS_SCHEMA = Schema("misinformation/photo_pairs.csv", (
    Column("pair_id", "str", "identifier: B001 onwards"),
    Column("surgery", "bool", "an operation took place between the photos (false: same-day pair)"),
    Column("skin", "str", f"the synthetic subject's skin tone: {', '.join(SKIN_TONES)}"),
    Column("lines_after", "float", "facial lines in the after photo, 1 = as before (surgery lowers it)",
           unit="0-1"),
    *(Column(f"{side}_{p}", kind, f"{side} photo: {text}", unit=unit)
      for side in ("before", "after") for p, (kind, text, unit) in _PAIR_SETUP.items()),
    Column("raters", "int", "synthetic surgeons who rated the pair, blinded", unit="raters"),
    Column("rated_improved", "int", "raters who judged the after photo improved", unit="raters"),
    Column("mean_score", "float", "mean rating, -2 (worse) to +2 (much improved)", unit="points"),
))

# --- Module 5: professionalism -------------------------------------------------------------------

RULE_MATRIX_SCHEMA = Schema("professionalism/rule_matrix.csv", (
    Column("rule_id", "str", "short id of the rule, e.g. no_identifiable_data"),
    Column("rule", "str", "the rule in words"),
    Column("body", "str", "the professional body: AMA, GMC, BMA, WMA, FSMB, ACP/FSMB or FMA"),
    Column("status", "str", "stated, not_seen (not in the retrieved text) or unverified"),
    Column("tag", "str", "V (checked), P (partly checked) for stated cells; U for unverified; empty "
           "for not_seen", nullable=True),
    Column("citation", "str", "where the cell comes from"),
))

_DRAFT_SETUP_COLUMNS = tuple(
    Column(f"{side}_{p}", kind, f"{side} photo's {p} ({meaning}); empty without a pair", unit=unit,
           nullable=True)
    for side in ("before", "after")
    for p, kind, meaning, unit in (
        ("lighting", "float", "exposure relative to the standard set-up", "stops"),
        ("flash", "bool", "flash used", ""),
        ("zoom", "float", "magnification relative to the standard framing", "×"),
        ("angle", "float", "turn from the standard frontal view", "degrees"),
        ("background", "str", "one of " + ", ".join(BACKGROUNDS), ""),
        ("clothing", "str", "one of " + ", ".join(CLOTHING), "")))
DRAFT_POSTS_SCHEMA = Schema("professionalism/draft_posts.csv", (
    Column("draft_id", "str", "identifier of the draft, D01 onwards"),
    Column("example", "str", "what a hand-written example illustrates; empty if generated", nullable=True),
    Column("text", "str", "the draft post as its author would publish it (invented)"),
    Column("patient_material", "bool", "the draft shows or describes a real patient"),
    Column("age", "int", "age the draft reveals", unit="years", nullable=True),
    Column("sex", "str", "sex the draft reveals", nullable=True),
    Column("municipality", "str", "municipality the draft reveals", nullable=True),
    Column("condition", "str", "rare condition the draft reveals", nullable=True),
    Column("occupation", "str", "occupation the draft reveals", nullable=True),
    Column("date", "str", "date or named day the draft reveals", nullable=True),
    Column("time_of_day", "str", "time of day the draft reveals", nullable=True),
    Column("hospital", "str", "hospital the draft names", nullable=True),
    Column("mark", "str", "individual mark (tattoo, scar) the text describes", nullable=True),
    Column("photo", "str", "the course photo attached (a scene of datasets/identification/photos.csv)",
           nullable=True),
    Column("patient_age", "int", "the patient's actual age (consent facts)", unit="years", nullable=True),
    Column("capacity", "str", "has, temporarily_lacks or lacks (as in Module 3)", nullable=True),
    Column("authority", "str", "self, parent, guardian or none", nullable=True),
    Column("consent", "str", "none, verbal, written_general or written_social_media", nullable=True),
    Column("consent_by", "str", "patient, parent, guardian, relative or nobody", nullable=True),
    Column("use", "str", "closed_group or public_social_media", nullable=True),
    Column("image_type", "str", "external, face or internal", nullable=True),
    Column("child_objects", "bool", "a child under 16 objects or is distressed"),
    Column("asked_day_of_surgery", "bool", "consent was asked on the day of surgery"),
    Column("withdrawal_requested", "bool", "the patient or family asks to withdraw consent"),
    Column("hospital_forbids_posting", "bool", "hospital policy forbids patient images on social media"),
    Column("authorship", "bool", "JAMA benchmark met: the post says who made it, with credentials"),
    Column("attribution", "bool", "JAMA benchmark met: the post gives its sources"),
    Column("disclosure", "bool", "JAMA benchmark met: the post declares sponsorship and interests"),
    Column("currency", "bool", "JAMA benchmark met: the post says when its content was written"),
    Column("conflict_of_interest", "bool", "the author has a commercial interest in what the post shows"),
    Column("before_after", "bool", "the draft includes a before/after photo pair"),
    *_DRAFT_SETUP_COLUMNS,
    Column("expected_findings", "str", "the audit's findings, 'code:severity' joined by ';'; empty if none",
           nullable=True),
    Column("expected_verdict", "str", "ready, revise or do_not_post"),
))

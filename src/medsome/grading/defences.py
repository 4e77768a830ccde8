"""The catalogue of grading's defences: each threat from a submission, what stops it, where, and the proof.

One `Defence` per threat: the threat in plain words, what grading gives against it and how (the
"Given" table of docs/grading.md, rendered from here by `medsome defences --update-docs`), the code
that does it (`module:name`, resolved by a test) and the tests that prove it (pytest node ids, and
the attacks of tests/grading/test_attacks.py by name; a test keeps both in step with the catalogue).
One `Limit` per thing grading does not give, declared with its consequence ("Not given").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from medsome.errors import CourseLayoutError
from medsome.grading.cgroups import PIDS
from medsome.grading.defaults import DEFAULT_MEMORY_MIB

ATTACKS_TEST = "tests/grading/test_attacks.py"
GRADE_TEST = "tests/grading/test_grade.py"
SANDBOX_TEST = "tests/grading/test_sandbox.py"
INTAKE_TEST = "tests/grading/test_intake.py"
TAMPER_TEST = "tests/grading/test_tamper.py"
G = "medsome.grading."


@dataclass(frozen=True)
class Defence:
    """A threat from a submission, what grading gives against it, where in the code, and what proves it."""

    threat: str
    given: str
    how: str
    code: tuple[str, ...]
    tests: tuple[str, ...]
    attacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limit:
    """Something grading does not give, declared with its consequence and where it shows in the code."""

    limit: str
    consequence: str
    code: tuple[str, ...] = ()


def _attack_test(name: str) -> str:
    return f"{ATTACKS_TEST}::{name}"


PATCHING = ("transformer", "item", "score", "shadow", "finder", "fake", "audit", "silent")

DEFENCES = (
    Defence(
        "a notebook reads the source notebook, the gradebook or other students' work, and copies answers",
        "The course folder is invisible",
        "the kernel's root holds only the system's programs and libraries, the Python environment and the "
        "course library (read-only), `datasets/` (read-only) and its own working folder "
        "`autograded/<student>/<assignment>/`; `source/`, the gradebook, `release/`, `submitted/`, other "
        "students' folders, the exchange, your home folder and your files are simply not there",
        (f"{G}sandbox:bwrap_args", f"{G}sandbox:library_paths"),
        (_attack_test("test_reading_the_source_pays_only_without_the_sandbox"),
         _attack_test("test_the_graders_environment_and_the_course_folder_are_not_visible")),
        ("reader", "snoop")),
    Defence(
        "a notebook overwrites other students' work or the grader's files, or leaves a link where the "
        "grader writes",
        "One writable place",
        "the student's working folder, plus a private `HOME`/`TMPDIR` deleted afterwards; everything else "
        "is read-only or absent",
        (f"{G}sandbox:bwrap_args", f"{G}kernel_manager:kernel_env"),
        (f"{GRADE_TEST}::test_writing_outside_the_student_folder_is_prevented_and_home_is_private",
         _attack_test("test_no_other_students_files_were_touched_and_a_rerun_regrades_nobody"),
         _attack_test("test_a_link_left_in_place_of_the_notebook_does_not_redirect_the_graders_write")),
        ("writer", "linker")),
    Defence(
        "a notebook sends answers out, fetches them, or reaches your other services",
        "No network",
        "a new network namespace: not even loopback to your other services",
        (f"{G}sandbox:bwrap_args", f"{G}sandbox:NAMESPACES_AS_ROOT"),
        (_attack_test("test_the_network_cannot_be_reached"),),
        ("caller",)),
    Defence(
        "a notebook reads the grader's environment: a gradebook password, a token",
        "No secrets in the environment",
        "the kernel's environment is built from an allow-list (`PATH`, `HOME`, `TMPDIR`, locale, one-thread "
        "settings); a gradebook password in yours never reaches it",
        (f"{G}sandbox:environment", f"{G}kernel_manager:kernel_env"),
        (_attack_test("test_the_graders_environment_and_the_course_folder_are_not_visible"),),
        ("snoop",)),
    Defence(
        "a notebook leaves a process behind that rewrites the gradebook later, or kills the grader or "
        "other students' kernels",
        "Processes die with the kernel",
        "a new PID namespace and `--die-with-parent`: a detached process, a daemon, a fork dies when the "
        "kernel is killed; the kernel cannot see or signal the grader, other kernels or anything else on "
        "the machine; a new session keeps it off your terminal",
        (f"{G}sandbox:bwrap_args", f"{G}sandbox:wait_gone"),
        (_attack_test("test_a_detached_process_dies_with_its_kernel_and_the_gradebook_holds"),
         _attack_test("test_the_run_finishes_and_the_honest_student_keeps_full_marks")),
        ("daemon", "killer")),
    Defence(
        "a notebook lifts its memory cap and exhausts the machine's memory",
        "Memory cap that holds",
        "`RLIMIT_AS` with soft = hard limit, set before the sandbox starts (`--memory-limit`, default "
        f"{DEFAULT_MEMORY_MIB} MiB): a notebook cannot lift it",
        (f"{G}sandbox:memory_prefix", f"{G}kernel_manager:cap_memory"),
        (_attack_test("test_the_memory_cap_cannot_be_lifted"),
         f"{GRADE_TEST}::test_exhausting_memory_hits_the_cap_and_costs_only_that_cell"),
        ("hog",)),
    Defence(
        "a notebook uses root's rights or capabilities to leave the sandbox or change the machine",
        "An unprivileged kernel",
        "run as root, `medsome grade` lets bubblewrap set the sandbox up and runs the kernel as an unnamed "
        "user id of its own with no capabilities; run as another user, bubblewrap uses unprivileged user "
        "namespaces and the kernel keeps your user id but sees only what is listed above",
        (f"{G}sandbox:drop_privileges", f"{G}sandbox:kernel_uid"),
        (_attack_test("test_the_kernel_has_no_privileges"),
         f"{SANDBOX_TEST}::test_one_kernel_cannot_read_what_another_stored_in_the_keyring"),
        ("climber",)),
    Defence(
        "a notebook patches the course's checks, the import system, the display or the tests' outcome in "
        "its kernel to fake a pass, or watches the hidden tests run",
        "Tests never run with student code",
        "two phases (above): the submission's kernel only yields plain values; the tests run in a fresh "
        "kernel on a notebook the grader built. Patching the course, the import system, the display or the "
        "tests' outcome in the student's kernel changes nothing; hidden tests never reach it",
        (f"{G}two_phase:AnswersOnly", f"{G}readout:read_answers", f"{G}answers:parse"),
        (_attack_test("test_an_attacker_scores_exactly_what_its_answers_earn"),
         _attack_test("test_no_hidden_test_reaches_an_attackers_kernel_or_feedback"),
         "tests/test_nbgrader_roundtrip.py"),
        PATCHING),
    Defence(
        "a notebook's attempt to fake a pass goes unseen",
        "What a notebook tried is named",
        "the interception check (above) reads, before the first cell and after the last, what could have "
        "faked a pass had tests run in that kernel, and the summary names what was installed (\"TRIED to "
        "intercept execution …\"); it changes no score",
        (f"{G}interception:hooks", f"{G}interception:installed", f"{G}readout:read_answers"),
        (_attack_test("test_what_an_attacker_tried_is_named"), "tests/grading/test_interception.py",
         "tests/test_plain_checks.py::test_only_the_courses_handler_passes_the_interception_check"),
        (*PATCHING, "equal")),
    Defence(
        "an answer made to equal anything passes a visible check",
        "Checks compare plain values",
        "`medsome.feedback`'s checks (`expect_type`, `expect_hash`) refuse values whose type the notebook "
        "made up (`plainvalues.py`), so an object that equals everything fails them",
        ("medsome.plainvalues:foreign_type", "medsome.feedback:expect_type", "medsome.feedback:expect_hash"),
        ("tests/test_plainvalues.py::test_expect_type_and_expect_hash_refuse_an_always_equal_answer",
         "tests/test_judgement.py::test_objects_that_equal_everything_are_not_accepted"),
        ("equal",)),
    Defence(
        "a submission is changed after it was collected, or a score or graded notebook after grading",
        "Tamper-evident grades",
        "`collect` records the checksum of each collected file (`.medsome/intake/`); the journal records "
        "the checksums of the submitted files and autograded notebooks and every test's autograded score. "
        "A submission changed since it was collected is NOT GRADED (\"collect it again\"); `grade` and "
        "`feedback` name every gradebook score or autograded notebook that differs from the record, and "
        "`export` refuses to export until those students are graded again (`--force --student …`). Manual "
        "grades are not compared",
        (f"{G}tamper:changed_submission", f"{G}tamper:mismatches", f"{G}journal:record"),
        (f"{TAMPER_TEST}::test_a_submission_changed_after_collection_is_not_regraded",
         f"{TAMPER_TEST}::test_a_rewritten_gradebook_is_named_by_grade_feedback_and_export",
         f"{TAMPER_TEST}::test_an_edited_autograded_notebook_is_named")),
    Defence(
        "an error message or printed text carries a hidden test or a key into what the student reads",
        "No echo of answers' messages",
        "`medsome check` names an answer cell's error by its type only; feedback keeps only the course's "
        "`Passed: …` lines of a cell with hidden tests, and caps every cell at 20 outputs and 10 000 "
        "characters each",
        (f"{G}workspace_check:answer_errors", f"{G}feedback_files:hide_hidden_tests",
         f"{G}feedback_files:cap_output"),
        (f"{SANDBOX_TEST}::test_feedback_caps_what_a_cell_printed",
         f"{SANDBOX_TEST}::test_feedback_keeps_only_the_passed_lines_of_a_hidden_test_cell",
         "tests/grading/test_workspace_check.py::test_check_explains_each_question_without_revealing_tests")),
    Defence(
        "a written answer or an output carries a script or an active link into the feedback page someone "
        "opens",
        "Inert feedback",
        "feedback HTML carries nothing active from a submission: a written (markdown) answer is shown as "
        "text (its `<` escaped: no `<script>`, no `on*` attribute), `javascript:`/`vbscript:` links are "
        "blocked, and only plain-text and PNG/JPEG outputs are kept (`feedback_files.InertFeedback`)",
        (f"{G}feedback_files:InertFeedback", f"{G}feedback_files:inert_cell"),
        ("tests/grading/test_feedback.py::test_feedback_carries_no_active_content_from_a_submission",)),
    Defence(
        "a submission holds links, devices or names that reach elsewhere, or is made for another student",
        "Intake that trusts nothing",
        "`collect` copies regular files only and refuses links, devices and names that reach elsewhere "
        "(above)",
        (f"{G}safe_copy:copy_tree", f"{G}safe_copy:unsafe_name", f"{G}intake:owner_problem"),
        (f"{INTAKE_TEST}::test_a_folder_upload_copies_regular_files_only_and_names_what_it_refused",
         f"{INTAKE_TEST}::test_a_zip_entry_whose_name_reaches_elsewhere_is_refused",
         f"{INTAKE_TEST}::test_an_exchange_submission_made_for_someone_else_or_holding_links_is_refused",
         _attack_test("test_a_submission_linked_to_the_source_is_not_graded_and_is_named"))),
    Defence(
        "a notebook loops for ever or ignores the interrupt, so that the run never ends",
        "Per-cell and per-student time limits",
        "as above: interrupts (sent as a message, since a signal cannot cross the sandbox), then a deadline "
        "per student. A student who ran into a time limit while others were graded beside them is graded "
        "again alone before being reported (\"graded again alone\")",
        (f"{G}readout:read_answers", f"{G}autograde:default_deadline", f"{G}autograde:regraded_alone"),
        (f"{GRADE_TEST}::test_an_endless_loop_is_stopped_by_the_timeout_and_the_rest_is_graded",
         f"{GRADE_TEST}::test_a_loop_that_ignores_interrupts_leaves_answers_unread_and_is_named",
         f"{GRADE_TEST}::test_a_stuck_worker_is_stopped_after_the_deadline_and_replaced")),
    Defence(
        "a fork storm or a memory hog starves the other students graded beside it",
        "Caps per submission",
        "as root, each kernel runs in a control group of its own (cgroup v2, or v1's memory, pids and cpu "
        f"hierarchies; `grading/cgroups.py`): memory (`--memory-limit`), {PIDS} processes and one CPU for "
        "the kernel and everything it starts. A fork storm or a memory hog exhausts only its own share, and "
        "the summary names the student (\"exhausted the process limit … of its own submission\")",
        (f"{G}cgroups:create", f"{G}cgroups:exhausted"),
        (f"{GRADE_TEST}::test_a_fork_storm_and_a_disk_fill_exhaust_only_their_own_share",)),
    Defence(
        "a notebook fills the disk that holds the course and the gradebook",
        "Its own disk",
        "phase one's working folder and HOME are a 256 MiB tmpfs each: a submission that fills them fills "
        "only them, never the disk holding the course and gradebook",
        (f"{G}sandbox:scratch_args", f"{G}readout:SCRATCH_MB"),
        (f"{GRADE_TEST}::test_a_fork_storm_and_a_disk_fill_exhaust_only_their_own_share",)),
    Defence(
        "a notebook prints without end to exhaust the grader's memory",
        "Bounded output",
        "phase one keeps of what a notebook printed only its first errors and a count: the text is dropped "
        "as it arrives, before the grader holds it",
        (f"{G}readout:ReadoutClient.output",),
        (f"{GRADE_TEST}::test_huge_output_is_cut_and_does_not_change_the_grade",)),
    Defence(
        "two submissions graded side by side pass answers to each other (the keyring, signals, ptrace)",
        "No channel between kernels",
        "as root, each kernel runs as a user id drawn for it alone (no shared process limit, signals or "
        "keys), under a seccomp filter (`grading/seccomp.py`, loaded by bubblewrap) that makes the keyring "
        "(`add_key`, `request_key`, `keyctl`), `ptrace`, mounts, kernel modules, kexec, bpf, perf events "
        "and userfaultfd fail with EPERM",
        (f"{G}seccomp:program", f"{G}sandbox:kernel_uid"),
        (f"{SANDBOX_TEST}::test_one_kernel_cannot_read_what_another_stored_in_the_keyring",)),
)

LIMITS = (
    Limit("A kernel is the student's own process",
          "it can report any plain values as its answers: exactly what a student could type. The "
          "interception check names the known ways of tampering, not every way",
          (f"{G}answers:parse", f"{G}interception:hooks")),
    Limit("Caps without root",
          "run as another user, or where control groups cannot be made, only the per-process address-space "
          "cap and the timeouts hold: a fork storm can slow the machine until its cell times out, and the "
          "kernels share your user id",
          (f"{G}cgroups:available", f"{G}sandbox:as_root")),
    Limit("Phase two is not sandboxed",
          "its kernel runs only the grader's notebook (released cells, hidden tests, answers as checked "
          "literals), with your rights; its working folder is `autograded/<student>/…` on the course's disk",
          (f"{G}worker:autograde", f"{G}warm_kernel:WarmKernelManager")),
    Limit("Other architectures",
          "the seccomp filter exists for x86-64 and aarch64; elsewhere kernels run without it",
          (f"{G}seccomp:TABLES", f"{G}sandbox:seccomp_filter")),
    Limit("Other operating systems",
          "no sandbox on macOS or Windows: grade there only with `--no-sandbox`, or in a Linux virtual "
          "machine",
          (f"{G}sandbox:missing",)),
    Limit("Records you change yourself",
          "the journal and intake records live in `.medsome/` inside the course folder: anyone who can write "
          "there can rewrite them; the sandbox keeps student code out of it",
          (f"{G}journal:journal_dir", f"{G}tamper:record_intake")),
)


def attacks_named() -> list[str]:
    """Every attack some defence names, each once, in catalogue order."""
    return list(dict.fromkeys(name for defence in DEFENCES for name in defence.attacks))


def given_table(defences: tuple[Defence, ...] = DEFENCES) -> str:
    """The "Given" table of docs/grading.md."""
    return "\n".join(["| Given | How |", "|---|---|", *(f"| {d.given} | {d.how} |" for d in defences)])


def limits_table(limits: tuple[Limit, ...] = LIMITS) -> str:
    """The "Not given" table of docs/grading.md."""
    return "\n".join(["| Not given | Consequence |", "|---|---|",
                      *(f"| {limit.limit} | {limit.consequence} |" for limit in limits)])


def doc_parts() -> dict[str, str]:
    """The generated regions of docs/grading.md, by marker name."""
    return {"defences": given_table(), "limits": limits_table()}


def refresh_doc(doc: Path, parts: dict[str, str]) -> str:
    """The text of `doc` with each `<!-- name:start -->...<!-- name:end -->` region rendered afresh."""
    text = doc.read_text(encoding="utf-8")
    for marker, body in parts.items():
        pattern = re.compile(rf"(<!-- {marker}:start -->\n).*?(\n<!-- {marker}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise CourseLayoutError(f"{doc}: no <!-- {marker}:start --> ... <!-- {marker}:end --> region; "
                                    "put the markers around the table it holds, then run "
                                    "`medsome defences --update-docs`")
        text = pattern.sub(lambda match, body=body: match.group(1) + body + match.group(2), text)
    return text


def describe(defence: Defence) -> str:
    """A defence as a few lines: what it gives, against what, where, and what proves it."""
    proof = [*defence.tests, *(f"attack {name}" for name in defence.attacks)]
    return (f"{defence.given}\n  against: {defence.threat}\n  where: {', '.join(defence.code)}\n"
            f"  proved by: {'; '.join(proof)}")

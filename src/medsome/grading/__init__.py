"""Grading for instructors and self-study learners, on top of nbgrader.

Instructors build, collect, grade, give feedback, export and report with one `medsome` command
each (cli.py); self-study learners grade their own workspace copy with `medsome check`
(workspace_check.py). Grading has two phases (two_phase.py): a submission runs only to read its
answers as plain values (readout.py, answers.py), and nbgrader grades the released notebook holding
those values, where no student code ran. Grading runs in long-lived parallel workers
(autograde.py, worker.py) with per-cell timeouts, a memory cap and a private HOME for each kernel
(limits.py), a completion journal so an interrupted run resumes (journal.py), and a report of
every bad submission (diagnose.py, watch.py). Each threat a submission poses, what stops it and
the tests that prove it are catalogued in defences.py. docs/grading.md is the instructor's guide.

Every module that uses nbgrader imports it at the top and defines what it adds to nbgrader
(HideHiddenTests, CapOutput, InertFeedback, LimitOutputSize, AnswersOnly, SubmissionMatcher) as
module-level classes, so nbgrader_config.py can name them by dotted path (LimitedKernelManager in
kernel_manager.py, a module free of nbgrader); only
course_folder.Course imports nbgrader late (its api and coursedir), because the CLI imports
course_folder at start-up, and `import medsome` and the learner modules never import nbgrader. Nor does a
self-check: it grades its one copy in process (selfgrade.py), with the same phases and kernels.
"""

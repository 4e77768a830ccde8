"""medsome: the library behind the course on the ethics of medical social media.

Package map by layer, ground up: a module imports only from its layer and those before (L02 = Lesson 2).
Ground: what every layer stands on
  errors          the errors the course raises on purpose                               -
  paths           where the course's folders are                                        -
  atomic          file writes a reader never sees half done                             -
  jsonfiles       reading the course's JSON files with errors that name the file        -
  toolchain       the environment's own executables, activated or not                   -
  schema          the columns a CSV must have, and reading a CSV that checks them       (data)
  manifest        course/course.toml: the modules in order and every file each owns     (course)
  course          the modules' folders, titles and questions (a view of the manifest)   L00
Data: the facts of the invented world, the datasets' schemas and their loaders
  world           the invented world: its region, clinical photos and photo studio      (data, rules)
  catalogue       every dataset's file and columns, with their meaning and unit         (data)
  data            load_*: every dataset, checked against its schema; readers only       all
  bibliography    the references page and the citations in a text                       (tests)
  claims          the claims register: each fact a learner reads, its source and check  (maintainers)
Domain rules: what the course teaches, as plain functions with sources
  privacy         how many people match what a post reveals; k-anonymity; the k=5 line  L00 L02 A02 A05
  consent         the consent decision rules for a clinical image, each step cited      L03
  guidelines      what seven professional bodies say, a rule matrix cited per cell      L05
  checklist       the pre-posting audit: identification, consent and accuracy checks    L05
  disclosure      the identifying details a free-text draft gives away, and a rewrite   L02 L05
  gazetteer       the course region's place names, and real names to ignore             L02 L05
  learnt          the analyser's learnt tagger: details no rule matches                 L02 L05
  learnt_drafts   the analyser's learnt guess: does a draft describe a patient at all   L02 L05
  about_patient   whether a sentence of a draft describes a patient, and its pronouns   L02 L05
  mentions        names, places, jobs and rare diseases in a draft, read in context     L02 L05
  lexicon         the analyser's word lists, compiled once and cached on disk           L02 L05
  wordlists       the word lists read from data packages (GeoNames, Faker, ONS, HPO)    L02 L05
  comparability   whether a before and an after photo are comparable                    L04 A04
  appraisal       DISCERN scores and the JAMA benchmarks                                L04
  metadata        what a JPEG's hidden blocks give away; stripping them                 L02 A02 A05
  bibliometrics   the Kardashian index                                                  L01 A01
  adoption        users added between two counts, and how fast                          L01
  audience        who follows an educational account and what each group needs         L01 A01
  learning        just-in-time learning, microlearning and lifelong learning            L01
Learner checks: feedback in plain words that never gives the answer away
  feedback        expect(...): compare an answer with a salted hash                     A01 A03 A04
  judgement       judgement items (rank, rate, choose, decide, spot) and their checks   L02 L03 A01-A05
  rounding        values asked to N decimals: the tolerance, a visible warning          A01 A04
  selfcheck       the lessons' exercise checks (Lesson 2's candidate count)             L02
  primer          the orientation's Python primer checks                                L00
  quizbank        the self-check quizzes' questions, options and order                  L00-L05
  plainvalues     telling plain values from objects made to fool a comparison           (checks)
Rendering: pictures with words
  plotting        one colour-blind-safe plotting style                                  L00 L01 L02
  figures         every image carries alt text                                          (widgets)
  drawing         drawing primitives for the synthetic pictures                         (below)
  photography     synthetic clinical photos with phone-style metadata                   (datasets/)
  portrait        a before/after portrait under given photographic parameters           L04 A04
Widgets: controls wired to the functions below, one idea each
  widgets/        ten widgets and their shared layout and controls      L00-L05 A01 A02 A04 A05
Grading: for instructors and self-study learners, on top of nbgrader
  grading/        build, release, collect, grade, feedback, export, report, check       (instructors)
  blueprint       what every graded cell assesses, of which kind, for how many points   (instructors)
  forms           Form A and Form B (a resubmission) of an assignment: names, labels    (instructors)
  keyed_items     the items and keys of an assignment, read from its hidden tests       (instructors)
  item_review     blind reviewers' agreement with each judgement item's key             (maintainers)
  chance          what random answers and blind habits earn on each assignment          (instructors)
Entry points: the command line, the hub, the learner's workspace, the dataset and site builds
  cli             the `medsome` command: learners' and maintainers' subcommands         -
  commandline     registering commands by audience, parsing, exit codes                 -
  grading_commands  `medsome`'s grading subcommands (build ... check), registered       -
  hub             the course on JupyterHub (`medsome hub`)                              (hub operators)
  workspace       the learner's workspace: lessons and student versions                 (medsome start)
  selfstudy       an assignment's last cell: `medsome check` run from inside JupyterLab A01-A05
  datasets/       seeded generators of every dataset, with `medsome datasets build`     (maintainers)
  site/           the course as a website and printable handouts                        (maintainers)
"""

__version__ = "0.1.0"

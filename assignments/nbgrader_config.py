"""nbgrader configuration for the course's assignments (this folder is the course root)."""

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "medsome"

# Student versions: answers are values in a scaffold such as `ranking = (\n    ...\n)`, so the stub
# is the three dots the checks recognise as "not answered yet" (in a function body: returns None).
c.ClearSolutions.code_stub = {"python": "...  # YOUR ANSWER: replace the three dots"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A deleted test cell is put back and graded, instead of silently left for manual grading.
c.OverwriteCells.add_missing_cells = True

# Each cell gets 60 s; a lesson's heaviest cell runs in well under 5 s.
c.Execute.timeout = 60

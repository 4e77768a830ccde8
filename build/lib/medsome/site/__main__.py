"""`python -m medsome.site [--out DIR]`: the same as `medsome site build`."""

import sys

from medsome.cli import main

sys.exit(main(["site", "build", *sys.argv[1:]]))

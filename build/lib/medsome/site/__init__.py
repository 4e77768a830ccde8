"""The course as a website (Sphinx + MyST-NB) and printable handouts, built by `medsome site build`."""

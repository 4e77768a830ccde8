"""medsome: the library behind the course on the ethics of medical social media."""

__version__ = "0.1.0"

"""kdlint: a static-analysis linter for Windows kernel-driver (WDM) C code."""

__version__ = "0.1.0"
INFORMATION_URI = "https://github.com/kdlint/kdlint"

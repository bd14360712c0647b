"""blog: a static-site generator for bilingual (Chinese + English) technical blogs."""

__version__ = "0.1.0"

"""archivist: trustworthy, structured, searchable text from digitized historical sources."""

__version__ = "0.1.0"
PIPELINE_VERSION = "1"

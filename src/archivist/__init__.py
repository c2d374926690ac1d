"""archivist: trustworthy, structured, searchable text from digitized historical sources."""

__version__ = "0.1.0"
# Raised whenever the pipeline's output changes in a way a stored corpus should catch up
# with (`archivist ingest --reprocess` redoes documents of any other version).
# 2: quantities, dates against the paper's date (inst./ult., weekdays), citations from
#    more archives, accented names kept (session 8).
PIPELINE_VERSION = "2"

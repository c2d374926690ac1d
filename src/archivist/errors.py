"""Errors that archivist reports to the user as one line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """A document could not be read: missing, empty, binary, undecodable, corrupt.

    It crosses process boundaries (ingest workers), so it pickles with both its
    arguments (the default rebuilds it from the one message and fails, which breaks
    the whole process pool):

    >>> import pickle
    >>> e = pickle.loads(pickle.dumps(InputError("a.txt", "is empty")))
    >>> str(e), e.path, e.problem
    ('a.txt: is empty', 'a.txt', 'is empty')
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return (type(self), (self.path, self.problem))

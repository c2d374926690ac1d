"""Errors that archivist reports to the user as one line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """A document could not be read: missing, empty, binary, undecodable, corrupt.

    >>> import pickle
    >>> err = pickle.loads(pickle.dumps(InputError("a.txt", "is empty")))
    >>> str(err), err.path, err.problem
    ('a.txt: is empty', 'a.txt', 'is empty')
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Exceptions pickle as cls(*self.args), and args holds only the joined
        # message, so without this an InputError raised in an ingest worker
        # process could not be unpickled in the parent, which broke the pool
        # and failed every other file of the batch.
        return type(self), (self.path, self.problem)

"""Errors that archivist reports to the user as one line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """A document could not be read: missing, empty, binary, undecodable, corrupt."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

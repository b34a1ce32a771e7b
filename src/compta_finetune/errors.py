"""Errors a user can fix themselves: bad input files, a missing model, an existing output directory.

Each one carries the *problem* and the *fix*; the command line prints both and exits with
status 2 instead of showing a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """An error caused by the user's input, with the way to fix it.

    Parameters
    ----------
    problem : str
        What is wrong, naming the file, line or value at fault.
    fix : str
        What the user should do about it.

    Examples
    --------
    >>> error = UserError("train.csv: no column 'label'.", "Add a 'label' column.")
    >>> print(error)
    train.csv: no column 'label'.
      Fix: Add a 'label' column.
    """

    exit_code = 2

    def __init__(self, problem: str, fix: str):
        # The contract of every user error: both halves, as text. A missing one is a bug of ours.
        if not (isinstance(problem, str) and problem and isinstance(fix, str) and fix):
            raise TypeError(f"a UserError needs a problem and a fix, both text: {problem!r}, {fix!r}")
        super().__init__(f"{problem}\n  Fix: {fix}")
        self.problem = problem
        self.fix = fix


class DataError(UserError):
    """A data file is missing, unreadable or malformed."""


class ModelError(UserError):
    """A model cannot be loaded or does not match the data."""


class OutputError(UserError):
    """The output location cannot be written without losing existing work."""


class TrainingError(UserError):
    """Training went wrong in a way the user can fix (a learning rate that makes the loss diverge)."""

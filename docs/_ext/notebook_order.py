"""Spread the executed pages over the parallel read's batches, so that their notebooks run side by side.

With ``-j auto``, Sphinx reads the documents in batches of consecutive names (14 of the site's
41 on 2 cores), each process one batch at a time, and myst-nb executes a page's notebook while
reading it. In name order, three notebooks (``concepts/corpus``, ``concepts/materiel``,
``guides/vos-factures``) share the first batch and run one after the other while the other
process has little to do. Sphinx lets an extension reorder the documents to read
(``env-before-read-docs``): the notebooks go to the first batches, one per process, which
start together; each notebook, the longest first, to the batch with the least notebook time
so far (longest-processing-time scheduling). The other documents fill the batches. A notebook's time is its entry of ``notebook_seconds`` in conf.py (measured), or
``notebook_default_seconds``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.parallel import make_chunks


def is_notebook(env: BuildEnvironment, docname: str) -> bool:
    """Whether myst-nb executes ``docname``: a notebook file, or a MyST page with code cells."""
    path = env.doc2path(docname)
    return path.suffix == ".ipynb" or (path.suffix == ".md" and "{code-cell}" in path.read_text(encoding="utf-8"))


def spread_notebooks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Reorder ``docnames`` in place: same batch sizes as Sphinx's, the notebooks balanced over them."""
    if app.parallel <= 1 or len(docnames) < 2:
        return
    sizes = [len(chunk) for chunk in make_chunks(docnames, app.parallel)]
    seconds = {
        name: app.config.notebook_seconds.get(name, app.config.notebook_default_seconds)
        for name in docnames
        if is_notebook(env, name)
    }
    batches: list[list[str]] = [[] for _ in sizes]
    load = [0.0] * len(sizes)
    first = range(min(app.parallel, len(sizes)))  # the batches the processes start with
    for name in sorted(seconds, key=lambda name: (-seconds[name], name)):
        room = [i for i in first if len(batches[i]) < sizes[i]] or [i for i, size in enumerate(sizes) if len(batches[i]) < size]
        lightest = min(room, key=lambda i: load[i])
        batches[lightest].append(name)
        load[lightest] += seconds[name]
    others = iter(name for name in docnames if name not in seconds)
    for batch, size in zip(batches, sizes):
        batch.extend(next(others) for _ in range(size - len(batch)))
    docnames[:] = [name for batch in batches for name in batch]


def setup(app: Sphinx) -> dict:
    app.add_config_value("notebook_seconds", {}, "env", types=[dict])
    app.add_config_value("notebook_default_seconds", 10.0, "env", types=[float, int])
    app.connect("env-before-read-docs", spread_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Figures of the executed pages: class distribution, learning curves, confusion matrix, calibration (matplotlib)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence

import matplotlib

if "ipykernel" not in sys.modules:
    # Scripts and tests: no window, even where a display is set. A notebook (the executed pages)
    # keeps its inline backend, which puts the figures in the page.
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import confusion_matrix  # noqa: E402


def plot_class_distribution(labels_by_split: Mapping[str, Sequence[str]], account_names: Mapping[str, str]):
    """Horizontal bars: lines per account, one colour per split.

    Parameters
    ----------
    labels_by_split : mapping
        Split name -> account codes of its lines.
    account_names : mapping
        Code -> libellé, in the order to show.
    """
    codes = list(account_names)
    figure, axes = plt.subplots(figsize=(9, 0.32 * len(codes) + 1.2))
    left = np.zeros(len(codes))
    for split, labels in labels_by_split.items():
        counts = Counter(labels)
        values = np.array([counts.get(code, 0) for code in codes])
        axes.barh(range(len(codes)), values, left=left, label=split)
        left += values
    axes.set_yticks(range(len(codes)), [f"{code} {_short(account_names[code])}" for code in codes], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("lignes")
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def plot_learning_curves(
    histories: Mapping[str, Sequence[Mapping]],
    metric: str | None = "eval_macro_f1",
    reference_losses: Mapping[str, float] | None = None,
):
    """Training loss and a validation metric against epochs, one line per run.

    Parameters
    ----------
    histories : mapping
        Run name -> Trainer ``log_history`` (or the history of
        :func:`compta_finetune.pretraining.pretrain_language_model`).
    metric : str or None
        Validation metric logged by the Trainer at each evaluation, drawn in a second panel;
        ``None`` draws the loss only.
    reference_losses : mapping, optional
        Name -> loss, drawn as dashed horizontal lines on the loss panel (for example the
        loss of a model that ignores the context).
    """
    if metric is None:
        figure, loss_axes = plt.subplots(figsize=(7, 3.6))
        panels = [loss_axes]
    else:
        figure, (loss_axes, metric_axes) = plt.subplots(1, 2, figsize=(10, 3.6))
        panels = [loss_axes, metric_axes]
    for name, history in histories.items():
        losses = [(entry["epoch"], entry["loss"]) for entry in history if "loss" in entry]
        if losses:
            loss_axes.plot(*zip(*losses), label=name)
        if metric is not None:
            scores = [(entry["epoch"], entry[metric]) for entry in history if metric in entry]
            if scores:
                metric_axes.plot(*zip(*scores), marker="o", label=name)
    for (name, value), colour in zip((reference_losses or {}).items(), ("grey", "black", "brown")):
        loss_axes.axhline(value, linestyle="--", linewidth=1, color=colour, label=name)
    loss_axes.set(xlabel="époque", ylabel="perte d'entraînement", title="Perte")
    if metric is not None:
        metric_axes.set(xlabel="époque", ylabel=metric.removeprefix("eval_"), title="Validation", ylim=(0, 1))
    for axes in panels:
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)
    figure.tight_layout()
    return figure


def plot_confusion_matrix(
    true_labels: Sequence[str], predicted_labels: Sequence[str], account_names: Mapping[str, str], title: str = ""
):
    """Confusion matrix normalised by true account, rows and columns labelled with account names."""
    codes = list(account_names)
    matrix = confusion_matrix(true_labels, predicted_labels, labels=codes, normalize="true")
    figure, axes = plt.subplots(figsize=(10, 8.5))
    image = axes.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    names = [f"{code} {_short(account_names[code])}" for code in codes]
    axes.set_xticks(range(len(codes)), codes, rotation=90, fontsize=7)
    axes.set_yticks(range(len(codes)), names, fontsize=7)
    axes.set(xlabel="compte prédit", ylabel="compte réel", title=title)
    for row, column in zip(*np.nonzero(matrix >= 0.1)):
        colour = "white" if matrix[row, column] > 0.6 else "black"
        axes.text(column, row, f"{matrix[row, column]:.1f}", ha="center", va="center", fontsize=6, color=colour)
    figure.colorbar(image, ax=axes, fraction=0.03)
    figure.tight_layout()
    return figure


def plot_score_by_lines(curves: Mapping[str, Sequence[tuple[int, float, float]]], ylabel: str = "F1 macro (test)"):
    """Score against labelled lines per account, one line per model, with ± one standard deviation.

    Parameters
    ----------
    curves : mapping
        Model name -> ``(lines per account, mean, standard deviation)`` points, scores as shares.
    """
    figure, axes = plt.subplots(figsize=(7, 4))
    for name, points in curves.items():
        points = sorted(points)
        lines = [point[0] for point in points]
        means = np.array([point[1] for point in points])
        deviations = np.array([point[2] for point in points])
        axes.errorbar(lines, 100 * means, yerr=100 * deviations, marker="o", capsize=4, label=name)
    axes.set_xscale("log")
    ticks = sorted({point[0] for points in curves.values() for point in points})
    axes.set_xticks(ticks, [str(tick) for tick in ticks])
    axes.minorticks_off()
    axes.set(xlabel="lignes étiquetées par compte", ylabel=f"{ylabel} (%)", ylim=(0, 100))
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    return figure


def plot_reliability(reports: Mapping[str, tuple[Sequence[Mapping], Sequence[Mapping]]]):
    """Reliability diagrams, one panel per model: accuracy against confidence, before and after temperature scaling.

    Parameters
    ----------
    reports : mapping
        Model name -> (bins before, bins after), each a list of
        :func:`compta_finetune.calibration.reliability_bins` entries.
    """
    figure, panels = plt.subplots(1, len(reports), figsize=(3.2 * len(reports), 3.4), sharey=True, squeeze=False)
    for axes, (name, (before, after)) in zip(panels[0], reports.items()):
        axes.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="calibrage parfait")
        for bins, label, marker in ((before, "avant", "o"), (after, "après", "s")):
            axes.plot(
                [b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker=marker, markersize=4, label=label
            )
        axes.set(title=_short(name, 30), xlabel="confiance", xlim=(0, 1), ylim=(0, 1))
        axes.title.set_fontsize(9)
        axes.grid(alpha=0.3)
    panels[0][0].set_ylabel("exactitude")
    panels[0][0].legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    return figure


def plot_coverage_accuracy(curves: Mapping[str, Sequence[Mapping]]):
    """Routing by confidence: share of lines posted automatically against their accuracy, one line per model.

    Parameters
    ----------
    curves : mapping
        Model name -> :func:`compta_finetune.calibration.coverage_accuracy_curve` points.
    """
    figure, axes = plt.subplots(figsize=(7, 4))
    for name, curve in curves.items():
        points = [(point["coverage"], point["accuracy"]) for point in curve if point["accuracy"] is not None]
        axes.plot([100 * c for c, _ in points], [100 * a for _, a in points], marker="o", markersize=3, label=name)
    axes.set(xlabel="lignes passées sans revue (%)", ylabel="exactitude sur ces lignes (%)", xlim=(0, 100))
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    return figure


def _short(libelle: str, width: int = 38) -> str:
    return libelle if len(libelle) <= width else libelle[: width - 1] + "…"

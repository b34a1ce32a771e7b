"""The fine-tuning recipes as values: which model, which learning rate, how to load it, how to build a tiny one.

A :class:`Recipe` names its loading function and its tiny-checkpoint builder by import path,
so that this module imports neither torch nor transformers: the command line lists the recipes
in milliseconds, and only the chosen recipe's module is imported, when it runs. Code dispatches
on these values (``recipe.load_options``, ``recipe.build_tiny``), never on a recipe's name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _resolve(reference: str) -> Callable:
    """The object a ``"package.module:name"`` reference points to, importing its module now."""
    module_name, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


@dataclass(frozen=True)
class Recipe:
    """One fine-tuning recipe.

    Attributes
    ----------
    name : str
        As given to ``compta-finetune train --recipe``.
    model_name : str
        Hub id of the pre-trained model used by default.
    learning_rate : float
        A sensible peak learning rate for the real weights.
    loader : str
        ``"module:function"`` of ``load_model_and_tokenizer(model_name_or_path, id2label, label2id, **options)``.
    tiny_builder : str
        ``"module:function"`` building a tiny random checkpoint of the architecture in a directory.
    tiny_pretraining_epochs : str
        ``"module:CONSTANT"`` of the epochs of language-model pre-training that
        ``compta-finetune tiny`` gives its checkpoint, so that fine-tuning it learns.
    load_options : tuple of str
        Fields of :class:`~compta_finetune.training.FineTuningArguments` passed to the loader
        as keyword arguments (Phi-2: ``lora``).
    """

    name: str
    model_name: str
    learning_rate: float
    loader: str
    tiny_builder: str
    tiny_pretraining_epochs: str
    load_options: tuple[str, ...] = ()

    def load_model_and_tokenizer(self, model_name_or_path: str, id2label, label2id, **options: Any):
        """Run the recipe's loader (importing its module now)."""
        return _resolve(self.loader)(model_name_or_path, id2label, label2id, **options)

    def build_tiny(self, directory: str | Path, *, pretrain: bool = False) -> Path:
        """Build a tiny checkpoint of the recipe's architecture in ``directory``.

        With ``pretrain``, it is pre-trained for :attr:`tiny_pretraining_epochs` on the corpus
        texts (a few seconds), as ``compta-finetune tiny`` does; else its weights stay random.
        """
        options = {"pretraining_epochs": _resolve(self.tiny_pretraining_epochs)} if pretrain else {}
        return _resolve(self.tiny_builder)(directory, **options)

    def options_from(self, arguments: Any) -> dict[str, Any]:
        """The loader's keyword arguments, read from an object with the :attr:`load_options` attributes.

        Examples
        --------
        >>> from types import SimpleNamespace
        >>> PHI2.options_from(SimpleNamespace(lora=False)), CAMEMBERT.options_from(SimpleNamespace(lora=False))
        ({'lora': False}, {})
        """
        return {name: getattr(arguments, name) for name in self.load_options}


CAMEMBERT = Recipe(
    name="camembert",
    model_name="almanach/camembert-base",
    learning_rate=5e-5,
    loader="compta_finetune.recipes.camembert:load_model_and_tokenizer",
    tiny_builder="compta_finetune.testing:build_tiny_camembert",
    tiny_pretraining_epochs="compta_finetune.testing:CAMEMBERT_PRETRAINING_EPOCHS",
)
"""CamemBERT base (formerly ``camembert-base``), fully fine-tuned."""

PHI2 = Recipe(
    name="phi2",
    model_name="microsoft/phi-2",
    learning_rate=2e-4,
    loader="compta_finetune.recipes.phi2:load_model_and_tokenizer",
    tiny_builder="compta_finetune.testing:build_tiny_phi",
    tiny_pretraining_epochs="compta_finetune.testing:PHI_PRETRAINING_EPOCHS",
    load_options=("lora",),
)
"""Phi-2 with LoRA adapters by default (``--no-lora``: all the weights)."""

RECIPES: dict[str, Recipe] = {recipe.name: recipe for recipe in (CAMEMBERT, PHI2)}
"""Recipes by name, as given to ``compta-finetune train --recipe``."""


def get_recipe(name: str) -> Recipe:
    """The recipe called ``name``.

    Examples
    --------
    >>> get_recipe("phi2").model_name
    'microsoft/phi-2'
    >>> get_recipe("phi-2")
    Traceback (most recent call last):
    ...
    ValueError: Unknown recipe 'phi-2'; choose one of camembert, phi2.
    """
    try:
        return RECIPES[name]
    except KeyError:
        raise ValueError(f"Unknown recipe {name!r}; choose one of {', '.join(RECIPES)}.") from None

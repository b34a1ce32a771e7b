"""The two fine-tuning recipes: model-specific loading for CamemBERT and Phi-2.

Each recipe module exposes ``MODEL_NAME`` (the hub id used by default), ``LEARNING_RATE`` (a
sensible default for the real weights) and ``load_model_and_tokenizer``.
"""

from __future__ import annotations

from types import ModuleType

from compta_finetune.recipes import camembert, phi2

RECIPES: dict[str, ModuleType] = {"camembert": camembert, "phi2": phi2}
"""Recipe modules by name, as given to ``compta-finetune train --recipe``."""


def get_recipe(name: str) -> ModuleType:
    """The recipe module called ``name``.

    Examples
    --------
    >>> get_recipe("phi2").MODEL_NAME
    'microsoft/phi-2'
    """
    try:
        return RECIPES[name]
    except KeyError:
        raise ValueError(f"Unknown recipe {name!r}; choose one of {', '.join(RECIPES)}.") from None

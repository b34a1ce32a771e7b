"""CamemBERT recipe: a French RoBERTa encoder with a new classification head, fully fine-tuned.

CamemBERT (Martin et al., 2020) is pre-trained on French text only (OSCAR); its base size,
about 110 million parameters, fine-tunes on a single GPU or, slowly, on a CPU.
"""

from __future__ import annotations

from transformers import AutoModelForSequenceClassification, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from compta_finetune.recipes import CAMEMBERT

MODEL_NAME = CAMEMBERT.model_name
"""Hub id of CamemBERT base (formerly ``camembert-base``)."""

LEARNING_RATE = CAMEMBERT.learning_rate
"""Learning rate for full fine-tuning of the pre-trained encoder."""


def load_model_and_tokenizer(
    model_name_or_path: str, id2label: dict[int, str], label2id: dict[str, int]
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load CamemBERT and its tokenizer, with a classification head for the given accounts.

    Parameters
    ----------
    model_name_or_path : str
        A hub id (``almanach/camembert-base``) or a local directory.
    id2label, label2id : dict
        Label maps from :func:`compta_finetune.data.label_maps`; saved in the model's config so
        that predictions come back as account codes.
    """
    tokenizer = AutoTokenizer.from_pretrained(model_name_or_path, trust_remote_code=False)
    model = AutoModelForSequenceClassification.from_pretrained(
        model_name_or_path,
        num_labels=len(id2label),
        id2label=id2label,
        label2id=label2id,
        use_safetensors=True,  # never unpickle downloaded weights
        trust_remote_code=False,  # never run code shipped with a model
    )
    return model, tokenizer

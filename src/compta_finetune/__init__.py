"""Fine-tune CamemBERT and Phi-2 to classify French invoice lines into PCG accounts."""

__version__ = "0.1.0"

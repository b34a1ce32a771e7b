"""Complete, runnable scripts: each recipe from data to saved model, top to bottom.

Run one with ``python -m compta_finetune.examples.finetune_camembert --help``.
"""

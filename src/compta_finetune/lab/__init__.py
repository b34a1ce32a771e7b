"""Lab code that serves the site only: the experiments, plots and memory estimates it shows, and
the warm interpreter that runs its pages' commands and its browser test's pasted code.

The product (data loading, recipes, training, evaluation, inference, the command line) never
imports from here.
"""

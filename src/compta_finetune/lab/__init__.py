"""Lab code that serves the site only: the experiments, plots and memory estimates it shows.

The product (data loading, recipes, training, evaluation, inference, the command line) never
imports from here.
"""

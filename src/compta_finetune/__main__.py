"""``python -m compta_finetune``: the ``compta-finetune`` command, also under ``torchrun -m compta_finetune``."""

import sys

from compta_finetune.cli import main

if __name__ == "__main__":
    sys.exit(main())

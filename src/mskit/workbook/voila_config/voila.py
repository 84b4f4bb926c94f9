# Voila configuration for presenting the kit's notebooks (``mskit present``, and the tests).
# Voila reads this file when started with --Voila.config_file_paths=[<this folder>].
from mskit.workbook.present import configure

configure(c)  # noqa: F821 (``c`` is the traitlets config object Voila provides)

"""mskit: trainer workbook and live exercise kit for the UK Human Trafficking and Modern
Slavery multi-agency awareness course."""

__version__ = "0.1.0"

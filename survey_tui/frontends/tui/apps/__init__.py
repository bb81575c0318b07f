"""The Textual ``App`` classes, one per program; their screens are in ``..screens``."""

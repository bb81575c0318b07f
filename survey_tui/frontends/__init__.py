"""The front ends: the Textual TUI, the web form, and ``--plain``. They never import each other
(an import-linter contract); each calls core (docs/architecture.md, "Layers")."""

"""Plain immutable data: no docutils, no Sphinx, no I/O."""

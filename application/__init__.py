"""Use cases and the ports they need. Imports ``domain`` and the standard library only."""

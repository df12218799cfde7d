"""Composition root and driving adapters (HTTP, CLI). The only layer that knows them all."""

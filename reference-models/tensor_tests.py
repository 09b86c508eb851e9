"""Vectors for tensor/'s generator and printing tests (placeholder until written)."""


def export(manifest, save):
    pass

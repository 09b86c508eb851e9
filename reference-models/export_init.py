"""References for Group 3, initialization: called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata``,
``h.module_facts`` and ``h.save``.
"""


def export(manifest, h):
    pass

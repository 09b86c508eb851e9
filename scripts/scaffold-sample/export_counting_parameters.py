"""References for Group 9, Counting parameters: called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata``,
``h.module_facts`` and ``h.save``.

Files: one per exercise, each written by its function below (listed in ``EXPORTERS``).

- ``parameter_count.onnx``: the notebook's tied network (one ``nn.Linear(8, 8)`` at positions 2 and 4), its
  module tree (metadata ``tree``) and PyTorch's ``sum(p.numel() for p in net.parameters())`` (metadata ``count``).

(scripts/scaffold-sample/: the sample exercise that scripts/check-scaffold.sh scaffolds and grades.)
"""

import torch
from torch import nn


def export_parameter_count(manifest, h):
    """ParameterCount.of: how many numbers the tied network learns, a shared layer counted once."""
    seed = 9100
    torch.manual_seed(seed)
    shared = nn.Linear(8, 8)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))
    X = torch.rand(size=(2, 4))
    model = h.export_module(net, X, None)
    h.add_metadata(model, {"tree": h.module_facts(net)["tree"],
                           "count": sum(p.numel() for p in net.parameters())})
    h.save(model, "parameter_count.onnx", manifest, seed,
           "the tied net nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), "
           "nn.Linear(8, 1)) with shared = nn.Linear(8, 8); metadata count = sum(p.numel() for p in "
           "net.parameters())")


EXPORTERS = [export_parameter_count]


def export(manifest, h):
    """Write this group's reference files into the output folder and record them in the manifest."""
    for exporter in EXPORTERS:
        exporter(manifest, h)

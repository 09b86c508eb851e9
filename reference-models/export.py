#!/usr/bin/env python3
"""Export ParamLab's reference models from PyTorch.

Every expected value the grader uses is computed here, by PyTorch, and stored in ONNX files:
the model graph (run by ONNX Runtime on the grader's random inputs), its weights as initializers
named by PyTorch's ``named_parameters``, and anything else a test needs (reprs, key lists, seeds)
in ``metadata_props``. ``models/manifest.json`` records each file's SHA-256, shapes, seed and the
torch/onnx/opset versions; the grader refuses a file whose hash does not match.

Run from the repository root (Debian: ``apt-get install python3-torch python3-onnx``)::

    /usr/bin/python3 reference-models/export.py

Nobody needs PyTorch to grade: the generated files are committed.
"""

import hashlib
import io
import json
import os
import sys

import onnx
from onnx import numpy_helper
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "models")
OPSET = 13

sys.path.insert(0, HERE)


# ---------------------------------------------------------------------------------------------
# Helpers shared by the exporters
# ---------------------------------------------------------------------------------------------

def export_module(module, example, path, input_names=("X",), output_names=("Y",)):
    """torch.onnx.export with a dynamic batch axis; returns the loaded onnx.ModelProto."""
    buffer = io.BytesIO()
    dynamic = {name: {0: "batch"} for name in (*input_names, *output_names)}
    torch.onnx.export(module, example, buffer, input_names=list(input_names),
                      output_names=list(output_names), dynamic_axes=dynamic,
                      opset_version=OPSET, do_constant_folding=False)
    return onnx.load_model_from_string(buffer.getvalue())


def add_initializers(model, tensors):
    """Ship extra tensors (data, expected values) as named initializers the graph does not use."""
    for name, value in tensors.items():
        array = value.detach().cpu().contiguous().float().numpy()
        model.graph.initializer.append(numpy_helper.from_array(array, name))


def add_metadata(model, entries):
    """Store strings (reprs, JSON lists) in the model's metadata_props."""
    for key, value in entries.items():
        prop = model.metadata_props.add()
        prop.key = key
        prop.value = value if isinstance(value, str) else json.dumps(value)


def save(model, name, manifest, seed, description):
    onnx.checker.check_model(model)
    data = model.SerializeToString()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    manifest["files"][name] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "seed": seed,
        "description": description,
        "inputs": {i.name: dims(i) for i in model.graph.input},
        "outputs": {o.name: dims(o) for o in model.graph.output},
        "initializers": {t.name: list(t.dims) for t in model.graph.initializer},
    }


def dims(value_info):
    return [d.dim_param if d.dim_param else d.dim_value
            for d in value_info.type.tensor_type.shape.dim]


def module_facts(module):
    """What PyTorch says about a module's structure, for the parameter-access exercises."""
    return {
        "repr": repr(module),
        "named_parameters": [name for name, _ in module.named_parameters()],
        "state_dict_keys": list(module.state_dict().keys()),
        "named_modules": [name for name, _ in module.named_modules()],
        "named_children": [name for name, _ in module.named_children()],
    }


# ---------------------------------------------------------------------------------------------
# The notebook's models
# ---------------------------------------------------------------------------------------------

def export_net(manifest):
    """Notebook 2: net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))."""
    seed = 1
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = net(X)
    model = export_module(net, X, None)
    add_initializers(model, {"data.X": X, "data.Y": Y})
    facts = module_facts(net)
    facts["first_layer.named_parameters"] = [n for n, _ in net[0].named_parameters()]
    facts["first_layer.state_dict_keys"] = list(net[0].state_dict().keys())
    facts["last_layer.repr"] = repr(net[2])
    facts["relu.repr"] = repr(net[1])
    add_metadata(model, facts)
    save(model, "net.onnx", manifest, seed,
         "nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)); data.X = torch.rand(2, 4), "
         "data.Y = net(data.X)")


def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def block2():
    net = nn.Sequential()
    for i in range(4):
        net.add_module(f"block{i}", block1())
    return net


def export_rgnet(manifest):
    """Notebook 2: rgnet = nn.Sequential(block2(), nn.Linear(4, 1))."""
    seed = 2
    torch.manual_seed(seed)
    rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = rgnet(X)
    model = export_module(rgnet, X, None)
    add_initializers(model, {"data.X": X, "data.Y": Y})
    facts = module_facts(rgnet)
    facts["block1.repr"] = repr(block1())
    facts["block2.repr"] = repr(block2())
    add_metadata(model, facts)
    save(model, "rgnet.onnx", manifest, seed,
         "rgnet = nn.Sequential(block2(), nn.Linear(4, 1)) with block2 = four block1 "
         "(Linear(4, 8), ReLU, Linear(8, 4), ReLU) named block0..block3")


EXPORTERS = [export_net, export_rgnet]


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {
        "generated_by": "reference-models/export.py",
        "torch": torch.__version__,
        "onnx": onnx.__version__,
        "opset": OPSET,
        "files": {},
    }
    torch.set_num_threads(1)
    for exporter in EXPORTERS:
        exporter(manifest)
    import tensor_tests  # the generator and printing vectors for tensor/'s unit tests
    tensor_tests.export(manifest, save)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(manifest['files'])} files to {OUT}")


if __name__ == "__main__":
    main()

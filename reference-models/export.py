#!/usr/bin/env python3
"""Export ParamLab's reference models from PyTorch.

Every expected value the grader uses is computed here, by PyTorch, and stored in ONNX files:
the model graph (run by ONNX Runtime on the grader's random inputs), its weights as initializers
named by PyTorch's ``named_parameters``, and anything else a test needs (reprs, key lists, seeds)
in ``metadata_props``. ``models/manifest.json`` records each file's SHA-256, shapes, seed and the
torch/onnx/opset versions; the grader refuses a file whose hash does not match.

Run from the repository root, with a Python that has torch, onnx and numpy (Debian's
``apt-get install python3-torch python3-onnx``: torch 1.13; or pip's torch >= 2.9 in a venv)::

    /usr/bin/python3 reference-models/export.py                  # rewrites reference-models/models
    /usr/bin/python3 reference-models/export.py --out /tmp/refs  # writes elsewhere (scripts/check-references.sh)

Every model goes through ``export_module``, which asks for PyTorch's TorchScript exporter
explicitly where ``torch.onnx.export`` has a choice (torch >= 2.9 defaults to the dynamo exporter,
which refuses the scripted ``FixedHiddenMLP``).

Nobody needs PyTorch to grade: the generated files are committed.
"""

import argparse
import hashlib
import importlib
import inspect
import io
import json
import os
import sys

import onnx
from onnx import numpy_helper
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "models")
OUT = DEFAULT_OUT  # where save() writes; main() sets it from --out
OPSET = 13

sys.path.insert(0, HERE)

# The modules of the later exercise groups, in export order: each has ``export(manifest, h)`` (``h`` is this
# module, for its helpers). scripts/NewExercise.java appends a new group's module here.
GROUP_MODULES = ("export_init", "export_lazy_tied", "export_custom", "export_domain", "export_buffers")


# ---------------------------------------------------------------------------------------------
# Helpers shared by the exporters
# ---------------------------------------------------------------------------------------------

def torchscript_exporter_options(export=None):
    """The keyword arguments that make ``torch.onnx.export`` use the TorchScript exporter.

    Since torch 2.9 ``torch.onnx.export`` defaults to the dynamo exporter (``dynamo=True``), which
    refuses ScriptModules; ``dynamo=False`` keeps the TorchScript exporter that wrote the committed
    files. torch 1.13 has only that exporter and no ``dynamo`` argument. The argument is detected
    in the function's signature, not guessed from a version string.
    """
    export = torch.onnx.export if export is None else export
    try:
        parameters = inspect.signature(export).parameters
    except (TypeError, ValueError):  # a signature Python cannot read: assume the old exporter
        return {}
    return {"dynamo": False} if "dynamo" in parameters else {}


def export_module(module, example, path, input_names=("X",), output_names=("Y",), dynamic_axes=None):
    """torch.onnx.export (TorchScript exporter) with a dynamic batch axis; returns the onnx.ModelProto.

    ``module`` may be traced (an ``nn.Module``) or scripted (``torch.jit.script``); ``example`` is
    the example input (a tensor or a tuple). ``path`` is unused (the model stays in memory; ``save``
    writes it). ``dynamic_axes`` defaults to a dynamic axis 0 (``batch``) on every input and output.
    """
    buffer = io.BytesIO()
    if dynamic_axes is None:
        dynamic_axes = {name: {0: "batch"} for name in (*input_names, *output_names)}
    torch.onnx.export(module, example, buffer, input_names=list(input_names),
                      output_names=list(output_names), dynamic_axes=dynamic_axes,
                      opset_version=OPSET, do_constant_folding=False, **torchscript_exporter_options())
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
    """Check the model, write it as ``OUT/name`` and record it (hash, shapes, seed) in the manifest."""
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
    """A graph input's or output's shape: a number per fixed axis, the name of a dynamic one."""
    return [d.dim_param if d.dim_param else d.dim_value
            for d in value_info.type.tensor_type.shape.dim]


def module_facts(module):
    """What PyTorch says about a module's structure, for the parameter-access exercises.

    ``tree`` describes every distinct module (keyed by its ``named_modules`` path) with its
    class name, its registered children (name, path of that child object) and its own
    parameters (name, ``named_parameters`` name of that parameter object, shape), so that the grader
    can rebuild the same object graph, shared modules included, without the student's code.
    """
    module_path = {id(m): name for name, m in module.named_modules()}
    param_path = {id(p): name for name, p in module.named_parameters()}
    tree = {}
    for name, m in module.named_modules():
        tree[name] = {
            "type": type(m).__name__,
            "children": [[k, module_path[id(c)]] for k, c in m._modules.items()],
            "parameters": [[k, param_path[id(p)], list(p.shape)] for k, p in m._parameters.items()],
        }
    return {
        "repr": repr(module),
        "named_parameters": [name for name, _ in module.named_parameters()],
        "state_dict_keys": list(module.state_dict().keys()),
        "named_modules": [name for name, _ in module.named_modules()],
        "named_children": [name for name, _ in module.named_children()],
        "children_paths": [module_path[id(c)] for c in module.children()],
        "tree": tree,
    }


def load_state_dict_error(module, change):
    """PyTorch's own message when ``load_state_dict`` gets a state dict altered by ``change``.

    ``change`` (stored beside the message, so the grader can make the same dict):
    ``remove`` keys, ``add`` keys with a shape (values 0), ``replace`` keys by zeros of a shape.
    """
    state = module.state_dict()
    for key in change.get("remove", []):
        del state[key]
    for key, shape in {**change.get("add", {}), **change.get("replace", {})}.items():
        state[key] = torch.zeros(shape)
    copy = type(module)(*module.children()) if isinstance(module, nn.Sequential) else module
    try:
        copy.load_state_dict(state)
    except RuntimeError as error:
        return {"change": change, "message": str(error)}
    raise AssertionError(f"load_state_dict accepted {change}")


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
    facts["first_layer.repr"] = repr(net[0])
    facts["last_layer.repr"] = repr(net[2])
    facts["relu.repr"] = repr(net[1])
    facts["load_state_dict.missing_unexpected"] = load_state_dict_error(
        net, {"remove": ["2.bias"], "add": {"3.weight": [1, 8]}})
    facts["load_state_dict.size_mismatch"] = load_state_dict_error(
        net, {"replace": {"0.weight": [8, 3]}})
    add_metadata(model, facts)
    save(model, "net.onnx", manifest, seed,
         "nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)); data.X = torch.rand(2, 4), "
         "data.Y = net(data.X)")


def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def targeted_access_errors(module, calls):
    """PyTorch's own AttributeError messages for ``get_submodule``/``get_parameter`` on missing names."""
    errors = []
    for call, target in calls:
        try:
            getattr(module, call)(target)
        except AttributeError as error:
            errors.append({"call": call, "target": target, "message": str(error)})
            continue
        raise AssertionError(f"{call}({target!r}) did not fail")
    return errors


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
    facts["block1.tree"] = module_facts(block1())["tree"]
    facts["block2.tree"] = module_facts(block2())["tree"]
    module_path = {id(m): name for name, m in rgnet.named_modules()}
    facts["index.0,1,0"] = module_path[id(rgnet[0][1][0])]
    facts["index.0,-1"] = module_path[id(rgnet[0][-1])]
    facts["index.-1"] = module_path[id(rgnet[-1])]
    facts["targeted_access.errors"] = targeted_access_errors(rgnet, [
        ("get_submodule", "0.block9"), ("get_submodule", "0.block1.0.x"),
        ("get_parameter", "1.baias"), ("get_parameter", "0.block2.baias"), ("get_parameter", "0.block7.0.bias")])
    add_metadata(model, facts)
    save(model, "rgnet.onnx", manifest, seed,
         "rgnet = nn.Sequential(block2(), nn.Linear(4, 1)) with block2 = four block1 "
         "(Linear(4, 8), ReLU, Linear(8, 4), ReLU) named block0..block3")


def export_linear(manifest):
    """nn.Linear(4, 8) and nn.Linear(8, 1) as PyTorch initializes them, and a backward pass."""
    seed = 3
    torch.manual_seed(seed)
    linear = nn.Linear(4, 8)
    torch.manual_seed(seed + 1)
    small = nn.Linear(8, 1)  # 8 weights: fewer than 16, as the notebook's net[2]
    torch.manual_seed(seed + 2)
    X = torch.rand(size=(3, 4))
    Y = linear(X)
    Y.sum().backward()
    model = export_module(linear, X, None)
    add_initializers(model, {
        "data.X": X, "data.Y": Y,
        "data.grad.weight": linear.weight.grad, "data.grad.bias": linear.bias.grad,
        "data.linear8x1.weight": small.weight, "data.linear8x1.bias": small.bias,
    })
    add_metadata(model, {
        "seed.linear4x8": str(seed), "seed.linear8x1": str(seed + 1),
        "repr": repr(linear), "repr.linear8x1": repr(small),
        "named_parameters": [n for n, _ in linear.named_parameters()],
        "loss": "data.Y.sum(); data.grad.* are the gradients of the weight and bias after backward()",
    })
    save(model, "linear.onnx", manifest, seed,
         "torch.manual_seed(3); nn.Linear(4, 8) (the graph and weight/bias); torch.manual_seed(4); "
         "nn.Linear(8, 1) (data.linear8x1.*); torch.manual_seed(5); data.X = torch.rand(3, 4); "
         "data.grad.* after linear(data.X).sum().backward()")


def export_relu(manifest):
    """nn.ReLU() on a batch of width 8."""
    seed = 6
    torch.manual_seed(seed)
    relu = nn.ReLU()
    X = torch.randn(4, 8)
    model = export_module(relu, X, None)
    leaf = X.clone().requires_grad_()
    relu(leaf).sum().backward()
    add_initializers(model, {"data.X": X, "data.Y": relu(X), "data.grad.X": leaf.grad})
    add_metadata(model, {"repr": repr(relu)})
    save(model, "relu.onnx", manifest, seed,
         "nn.ReLU(); data.X = torch.randn(4, 8); data.grad.X = the gradient of relu(X).sum() with respect to X")


def export_tied(manifest):
    """The notebook's tied network: one nn.Linear(8, 8) registered at positions 2 and 4."""
    seed = 7
    torch.manual_seed(seed)
    shared = nn.Linear(8, 8)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(),
                        nn.Linear(8, 1))
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = net(X)
    model = export_module(net, X, None)
    add_initializers(model, {"data.X": X, "data.Y": Y})
    add_metadata(model, module_facts(net))
    save(model, "tied.onnx", manifest, seed,
         "shared = nn.Linear(8, 8); nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), "
         "shared, nn.ReLU(), nn.Linear(8, 1)); data.X = torch.rand(2, 4)")


EXPORTERS = [export_net, export_rgnet, export_linear, export_relu, export_tied]


def parse_args(argv):
    """The command line: ``--out DIR`` (default: reference-models/models)."""
    parser = argparse.ArgumentParser(description="Export ParamLab's reference models from PyTorch to ONNX.")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder to write the .onnx files and manifest.json to (created if missing; "
                             "default: reference-models/models, the committed files)")
    return parser.parse_args(argv)


def main(argv=None):
    """Export every reference model and the manifest into ``--out``."""
    global OUT
    OUT = os.path.abspath(parse_args(argv).out)
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
    # One file per later exercise group, each given this module for its helpers.
    for name in GROUP_MODULES:
        importlib.import_module(name).export(manifest, sys.modules[__name__])
    # The corpus of generated networks: PyTorch's answers for every API on a few hundred random trees.
    import export_corpus
    export_corpus.export(manifest, sys.modules[__name__])
    import tensor_tests  # the generator and printing vectors for tensor/'s unit tests
    tensor_tests.export(manifest, save)
    # What PyTorch prints for every notebook cell, seeded, for the notebook tour (tour/). Beside the
    # models, not in the manifest: the grader never reads it.
    import export_tour
    export_tour.export(export_tour.DEFAULT_OUT if OUT == DEFAULT_OUT else os.path.join(OUT, "tour"))
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(manifest['files'])} files to {OUT}")


if __name__ == "__main__":
    main()

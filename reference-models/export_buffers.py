"""References for Group 8, buffers (beyond the notebook): called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata`` and ``h.save``.

A buffer is state that a module keeps and saves but does not learn: BatchNorm's ``running_mean`` is the
one every PyTorch user meets right after this chapter. ``register_buffer(name, tensor, persistent=True)``
keeps it in ``_buffers``; ``named_buffers()`` lists it (not ``parameters()``); ``state_dict()`` saves the
persistent ones after the module's own parameters and before its children; ``load_state_dict`` loads
them; the repr does not show them.

File ``buffers.onnx`` (seed 100): ``BufferNet``, a ``RunningMean`` (BatchNorm's running statistics with a
learnable ``scale``) at two depths, with a persistent, a non-persistent and a 0-d buffer, the root's own
buffer and parameter registered after its children. The graph is the model in eval mode. Metadata:

- ``tree``: every distinct module (keyed by its ``named_modules`` path): its class name, ``extra_repr``,
  children, parameters (name, ``named_parameters`` name, shape) and buffers (name, ``named_buffers``
  name, shape, persistent), so that the grader rebuilds the same object graph with the student's
  ``registerBuffer``;
- ``repr``, ``named_parameters``, ``named_buffers``, ``state_dict_keys``, ``non_persistent``;
- ``shared.*``: the same for ``nn.Sequential(shared, nn.ReLU(), shared)``, one ``RunningMean`` at two places;
- ``reregistered.*``: a ``RunningMean`` whose ``running_mean`` is registered again with ``persistent=False``
  and ``batch_mean`` again with ``persistent=True``;
- ``register_buffer.errors``: PyTorch's messages for a dotted name, an empty name, a parameter's name;
- ``load_state_dict.missing_unexpected``, ``load_state_dict.size_mismatch``: PyTorch's errors for a state
  dict altered as recorded (``export.load_state_dict_error``'s format).

Initializers: ``data.init.<name>``, every parameter and buffer (by ``named_parameters`` and
``named_buffers`` name) as built; ``data.trained.<name>`` after three forward passes in training mode
(the running statistics moved); ``data.loaded.<name>`` of a freshly built ``BufferNet`` after
``load_state_dict(trained.state_dict())``: the persistent buffers and parameters loaded, the
non-persistent buffer left as built.
"""

import torch
from torch import nn

SEED = 100


class RunningMean(nn.Module):
    """BatchNorm's running statistics without its variance: (X - mean) * scale, the mean a running one in eval."""

    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.scale = nn.Parameter(torch.rand(num_features) + 0.5)
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("batch_mean", torch.zeros(num_features), persistent=False)
        self.register_buffer("num_batches_tracked", torch.zeros(()))

    def forward(self, X):
        if self.training:
            mean = X.mean(0)
            with torch.no_grad():
                self.batch_mean.copy_(mean)
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
                self.num_batches_tracked.add_(1)
        else:
            mean = self.running_mean
        return (X - mean) * self.scale


class BufferNet(nn.Module):
    """Buffers at three depths; the root's own buffer and parameter are registered after its children."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 8)
        self.norm = RunningMean(8)
        self.block = nn.Sequential(nn.Linear(8, 4), RunningMean(4))
        self.register_buffer("steps", torch.zeros(()))
        self.offset = nn.Parameter(torch.rand(4))

    def forward(self, X):
        if self.training:
            with torch.no_grad():
                self.steps.add_(1)
        return self.block(torch.relu(self.norm(self.linear(X)))) + self.offset


def facts(module, prefix=""):
    """PyTorch's answers about a module with buffers, under ``prefix`` (``""`` or ``"shared."``)."""
    module_path = {id(m): name for name, m in module.named_modules()}
    param_path = {id(p): name for name, p in module.named_parameters()}
    buffer_path = {id(b): name for name, b in module.named_buffers()}
    tree = {}
    for name, m in module.named_modules():
        tree[name] = {
            "type": type(m).__name__,
            "extra_repr": m.extra_repr(),
            "children": [[k, module_path[id(c)]] for k, c in m._modules.items()],
            "parameters": [[k, param_path[id(p)], list(p.shape)] for k, p in m._parameters.items()],
            "buffers": [[k, buffer_path[id(b)], list(b.shape), k not in m._non_persistent_buffers_set]
                        for k, b in m._buffers.items()],
        }
    return {
        prefix + "tree": tree,
        prefix + "repr": repr(module),
        prefix + "named_parameters": [n for n, _ in module.named_parameters()],
        prefix + "named_buffers": [n for n, _ in module.named_buffers()],
        prefix + "state_dict_keys": list(module.state_dict().keys()),
    }


def values(module, kind):
    """``data.<kind>.<name>`` for every parameter and buffer, by their named_parameters/named_buffers names."""
    out = {f"data.{kind}.{n}": p for n, p in module.named_parameters()}
    out.update({f"data.{kind}.{n}": b for n, b in module.named_buffers()})
    return out


def register_buffer_errors():
    """PyTorch's KeyError messages from register_buffer, the text of the error (its first argument)."""
    errors = []
    for name, about in [("a.b", "a dotted name"), ("", "an empty name"), ("scale", "the name of a parameter")]:
        module = RunningMean(2)
        try:
            module.register_buffer(name, torch.zeros(2))
        except KeyError as error:
            errors.append({"name": name, "about": about, "message": error.args[0]})
            continue
        raise AssertionError(f"register_buffer({name!r}) did not fail")
    return errors


def export(manifest, h):
    torch.manual_seed(SEED)
    net = BufferNet()
    init = values(net, "init")
    init = {k: v.detach().clone() for k, v in init.items()}
    meta = facts(net)
    meta["non_persistent"] = [n for n in meta["named_buffers"] if n not in meta["state_dict_keys"]]
    meta["load_state_dict.missing_unexpected"] = h.load_state_dict_error(
        net, {"remove": ["norm.running_mean"], "add": {"norm.batch_mean": [8]}})
    meta["load_state_dict.size_mismatch"] = h.load_state_dict_error(
        net, {"replace": {"block.1.running_mean": [8]}})
    net.train()
    for _ in range(3):
        net(torch.rand(5, 4) * 2 + 1)  # inputs away from zero: the running means move visibly
    trained = values(net, "trained")
    fresh = BufferNet()  # drawn after the training: other parameters than init's
    fresh_values = {k.replace("data.trained.", "data.fresh."): v.detach().clone()
                    for k, v in values(fresh, "trained").items()}
    fresh.load_state_dict(net.state_dict())
    loaded = values(fresh, "loaded")

    shared = RunningMean(4)
    meta.update(facts(nn.Sequential(shared, nn.ReLU(), shared), "shared."))
    again = RunningMean(2)
    again.register_buffer("running_mean", torch.zeros(2), persistent=False)
    again.register_buffer("batch_mean", torch.zeros(2), persistent=True)
    meta.update(facts(again, "reregistered."))
    meta["register_buffer.errors"] = register_buffer_errors()

    net.eval()
    X = torch.rand(3, 4)
    with torch.no_grad():
        Y = net(X)
    model = h.export_module(net, X, None)
    h.add_initializers(model, {"data.X": X, "data.Y": Y, **init, **trained, **fresh_values, **loaded})
    h.add_metadata(model, meta)
    h.save(model, "buffers.onnx", manifest, SEED,
           "torch.manual_seed(100); BufferNet() (RunningMean buffers: running_mean, batch_mean persistent=False, "
           "num_batches_tracked 0-d; the root's steps and offset registered after its children): data.init.* as built, "
           "data.trained.* after three forwards in training mode, data.fresh.* a second BufferNet() as built, "
           "data.loaded.* that one after load_state_dict(trained.state_dict()); data.Y = net(data.X) in eval mode")

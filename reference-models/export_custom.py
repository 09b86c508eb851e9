"""References for Groups 6 and 7, custom models and training with a shared layer: called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module`` (also for scripted modules: it picks the
TorchScript exporter), ``h.add_initializers``, ``h.add_metadata``, ``h.module_facts`` and ``h.save``.

Files:

- ``nest_mlp.onnx``: the notebook's ``NestMLP`` (lazy layers, materialized by the notebook's
  ``X = torch.rand(size=(2, 4))``), traced.
- ``fixed_hidden_mlp.onnx``: the notebook's ``FixedHiddenMLP`` through ``torch.jit.script``, so that
  its data-dependent ``while`` loop becomes an ONNX ``Loop``. Its constant ``rand_weight`` (a
  ``Constant`` node after export, found by its value) is re-homed as the initializer ``data.rand_weight``. The graph's
  ``linear`` weights are PyTorch's initial ones divided by 32, so that small inputs need no
  halving and large ones many; the initial weights themselves are ``data.init.linear.*``.
- ``chimera.onnx``: ``nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP())``, scripted.
- ``shared_training.onnx``: an MLP whose ``nn.Linear(8, 8)`` is used twice, trained by hand-written
  SGD on a small data set; the whole trajectory (losses, parameters and gradients per step, the
  gradient each use of the shared layer contributes, the final weights) as ``data.*`` tensors.
"""

import copy

import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn
from torch.nn import functional as F


# ---------------------------------------------------------------------------------------------
# The notebook's classes, verbatim
# ---------------------------------------------------------------------------------------------

class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        # Random weight parameters that will not compute gradients and
        # therefore keep constant during training
        self.rand_weight = torch.rand((20, 20))
        self.linear = nn.LazyLinear(20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(X @ self.rand_weight + 1)
        # Reuse the fully connected layer. This is equivalent to sharing
        # parameters with two fully connected layers
        X = self.linear(X)
        # Control flow
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.LazyLinear(64), nn.ReLU(),
                                 nn.LazyLinear(32), nn.ReLU())
        self.linear = nn.LazyLinear(16)

    def forward(self, X):
        return self.linear(self.net(X))


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def export_scripted(h, module, example):
    """torch.jit.script, then ``h.export_module`` (the TorchScript exporter) with a dynamic batch axis
    on the input only; returns the ModelProto."""
    return h.export_module(torch.jit.script(module), (example,), None,
                           dynamic_axes={"X": {0: "batch"}})


def _graphs(graph):
    """A graph and, depth first, every graph nested in its nodes (a Loop's body, an If's branches)."""
    yield graph
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from _graphs(attribute.g)
            elif attribute.type == onnx.AttributeProto.GRAPHS:
                for subgraph in attribute.graphs:
                    yield from _graphs(subgraph)


def _constant_value(node):
    """The tensor a Constant node holds (its ``value`` attribute), or None if it holds another kind."""
    for attribute in node.attribute:
        if attribute.name == "value" and attribute.type == onnx.AttributeProto.TENSOR:
            return numpy_helper.to_array(attribute.t)
    return None


def rehome_constant(model, expected, initializer_name):
    """Replace the Constant node whose value is ``expected`` by an initializer named ``initializer_name``.

    torch.jit.script turns the plain tensor attribute ``rand_weight`` into a Constant node; as a
    ``data.*`` initializer the grader can read it by name (and the graph still uses it). The node is
    found by its value, not by its name: torch 1.13 names its output after the attribute
    (``self.rand_weight``, ``self.2.rand_weight``), torch 2.x by position (``/Constant_1_output_0``).
    Exactly one Constant node of the main graph must hold that value; every use of its output, also
    inside a Loop's body, then reads the initializer.
    """
    expected = expected.detach().cpu().numpy()
    matches = []
    for node in model.graph.node:
        if node.op_type != "Constant":
            continue
        value = _constant_value(node)
        if value is not None and value.dtype == expected.dtype and np.array_equal(value, expected):
            matches.append((node, value))
    if len(matches) != 1:
        found = ", ".join(repr(node.output[0]) for node, _ in matches) or "none"
        raise RuntimeError(
            f"{initializer_name}: expected exactly one Constant node holding this {list(expected.shape)} "
            f"{expected.dtype} tensor in the exported graph of {model.graph.name!r}, found {len(matches)} "
            f"({found}); the exporter changed how it emits scripted tensor constants")
    node, value = matches[0]
    constant_output = node.output[0]
    model.graph.node.remove(node)
    model.graph.initializer.append(numpy_helper.from_array(value, initializer_name))
    for graph in _graphs(model.graph):
        for n in graph.node:
            for i, name in enumerate(n.input):
                if name == constant_output:
                    n.input[i] = initializer_name


def before_loop(m, X):
    """FixedHiddenMLP.forward up to the while loop."""
    X = m.linear(X)
    X = F.relu(X @ m.rand_weight + 1)
    return m.linear(X)


def halvings(m, X):
    """How many times the notebook's while loop halves X for this input."""
    with torch.no_grad():
        Z = before_loop(m, X)
        count = 0
        while Z.abs().sum() > 1:
            Z /= 2
            count += 1
    return count


def keys(module):
    return list(module.state_dict().keys())


# ---------------------------------------------------------------------------------------------
# Group 6: custom models
# ---------------------------------------------------------------------------------------------

def export_nest_mlp(manifest, h):
    seed = 60
    torch.manual_seed(seed)
    net = NestMLP()
    X = torch.rand(size=(2, 4))
    Y = net(X)  # the first forward initializes the lazy layers: net.0, net.2, then linear
    model = h.export_module(net, X, None)
    add = {"data.X": X, "data.Y": Y}
    h.add_initializers(model, add)
    facts = h.module_facts(net)
    facts["net.state_dict_keys"] = keys(net.net)
    facts["seed"] = str(seed)
    h.add_metadata(model, facts)
    h.save(model, "nest_mlp.onnx", manifest, seed,
           "torch.manual_seed(60); NestMLP() (net = Sequential(LazyLinear(64), ReLU, LazyLinear(32), ReLU), "
           "linear = LazyLinear(16)); data.X = torch.rand(2, 4); data.Y = net(data.X), the first forward")


def export_fixed_hidden_mlp(manifest, h):
    seed = 61
    torch.manual_seed(seed)
    m = FixedHiddenMLP()
    rand_weight = m.rand_weight.clone()
    X = torch.rand(size=(2, 20))
    Y = m(X)  # the first forward initializes linear (20 inputs)
    Y.backward()
    init_weight, init_bias = m.linear.weight.detach().clone(), m.linear.bias.detach().clone()
    grad_weight, grad_bias = m.linear.weight.grad.clone(), m.linear.bias.grad.clone()
    facts = {
        "named_parameters": [n for n, _ in m.named_parameters()],
        "state_dict_keys": keys(m),
        "repr": repr(m),
        "rand_weight.requires_grad": str(m.rand_weight.requires_grad).lower(),
        "halvings.data.X": str(halvings(m, X)),
        "seed": str(seed),
    }
    # The graph's weights: the initial ones / 32, so that the input's scale decides how many
    # halvings the loop needs, from none (inputs near 0) to many.
    with torch.no_grad():
        m.linear.weight /= 32
        m.linear.bias /= 32
    cases = {}
    generator = torch.Generator().manual_seed(seed)
    for trial in range(200):
        scale = 10.0 ** (trial / 20 - 3)
        candidate = scale * (2 * torch.rand(size=(1 + trial % 3, 20), generator=generator) - 1)
        count = halvings(m, candidate)
        kind = "0" if count == 0 else "1" if count == 1 else "many" if count >= 8 else None
        if kind is not None and kind not in cases:
            cases[kind] = (candidate, count)
    assert set(cases) == {"0", "1", "many"}, f"no input found for halvings {set(cases)}"
    model = export_scripted(h, m, X)
    rehome_constant(model, rand_weight, "data.rand_weight")
    extra = {"data.X": X, "data.Y": Y.detach(), "data.init.linear.weight": init_weight,
             "data.init.linear.bias": init_bias, "data.grad.linear.weight": grad_weight,
             "data.grad.linear.bias": grad_bias}
    for kind, (candidate, count) in cases.items():
        extra[f"data.halvings{kind}.X"] = candidate
        facts[f"halvings{kind}.count"] = str(count)
    h.add_initializers(model, extra)
    facts["graph"] = ("torch.jit.script(FixedHiddenMLP()) after its first forward, the while loop as an ONNX "
                      "Loop, rand_weight as data.rand_weight, linear.weight and linear.bias = "
                      "data.init.linear.* / 32")
    h.add_metadata(model, facts)
    h.save(model, "fixed_hidden_mlp.onnx", manifest, seed,
           "torch.manual_seed(61); FixedHiddenMLP() (data.rand_weight = its torch.rand((20, 20))); "
           "data.X = torch.rand(2, 20); data.Y = m(data.X), the first forward (data.init.linear.*), "
           "data.grad.* after data.Y.backward(); the scripted graph uses linear weights / 32; "
           "data.halvings{0,1,many}.X need that many halvings")


def export_chimera(manifest, h):
    seed = 62
    torch.manual_seed(seed)
    chimera = nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP())
    rand_weight = chimera[2].rand_weight.clone()
    X = torch.rand(size=(2, 4))
    Y = chimera(X)
    facts = h.module_facts(chimera)
    facts["0.state_dict_keys"] = keys(chimera[0])
    facts["1.state_dict_keys"] = keys(chimera[1])
    facts["2.state_dict_keys"] = keys(chimera[2])
    facts["0.named_parameters"] = [n for n, _ in chimera[0].named_parameters()]
    facts["2.named_parameters"] = [n for n, _ in chimera[2].named_parameters()]
    facts["halvings.data.X"] = str(halvings(chimera[2], chimera[1](chimera[0](X))))
    facts["seed"] = str(seed)
    model = export_scripted(h, chimera, X)
    rehome_constant(model, rand_weight, "data.2.rand_weight")
    h.add_initializers(model, {"data.X": X, "data.Y": Y.detach()})
    h.add_metadata(model, facts)
    h.save(model, "chimera.onnx", manifest, seed,
           "torch.manual_seed(62); chimera = nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP()) "
           "(data.2.rand_weight); data.X = torch.rand(2, 4); data.Y = chimera(data.X), the first forward; "
           "scripted, the while loop as an ONNX Loop")


# ---------------------------------------------------------------------------------------------
# Group 7: training an MLP with a shared layer
# ---------------------------------------------------------------------------------------------

def shared_mlp():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))


def untied_copy(net):
    """The same network with positions 2 and 4 as two separate copies of the shared layer."""
    return nn.Sequential(*[copy.deepcopy(m) for m in net])


def export_shared_training(manifest, h):
    seed = 70
    steps, lr = 10, 0.1
    torch.manual_seed(seed)
    net = shared_mlp()
    initial = {n: p.detach().clone() for n, p in net.named_parameters()}
    # The data set: 16 examples, y = X w + b + noise.
    X = torch.rand(size=(16, 4))
    true_w = torch.tensor([[2.0], [-3.4], [1.7], [0.5]])
    y = X @ true_w + 0.3 + 0.01 * torch.randn(size=(16, 1))
    loss_fn = nn.MSELoss()
    names = [n for n, _ in net.named_parameters()]
    losses, params, grads, untied = [], {n: [] for n in names}, {n: [] for n in names}, {}
    for step in range(steps):
        for name, p in net.named_parameters():
            params[name].append(p.detach().clone())
        # the gradient each use of the shared layer contributes: an untied copy's gradients
        copy_net = untied_copy(net)
        loss_fn(copy_net(X), y).backward()
        for name, p in copy_net.named_parameters():
            untied.setdefault(name, []).append(p.grad.clone())
        net.zero_grad()
        loss = loss_fn(net(X), y)
        loss.backward()
        losses.append(loss.item())
        for name, p in net.named_parameters():
            grads[name].append(p.grad.clone())
        with torch.no_grad():
            for p in net.parameters():
                p.data -= lr * p.grad
        assert torch.allclose(net[2].weight.grad, untied["2.weight"][-1] + untied["4.weight"][-1], atol=1e-6)
        assert net[2].weight is net[4].weight
    model = h.export_module(net, X, None)
    extra = {"data.X": X, "data.y": y, "data.losses": torch.tensor(losses)}
    for name in names:
        extra[f"data.init.{name}"] = initial[name]
        extra[f"data.params.{name}"] = torch.stack(params[name])
        extra[f"data.grads.{name}"] = torch.stack(grads[name])
    for name, values in untied.items():
        extra[f"data.untied.grads.{name}"] = torch.stack(values)
    h.add_initializers(model, extra)
    facts = h.module_facts(net)
    facts.update({
        "steps": str(steps), "lr": str(lr), "seed": str(seed), "loss": "nn.MSELoss() (the mean of the squares)",
        "parameter_names": names,
        "description.short": (f"shared = nn.Linear(8, 8); nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), "
                              f"shared, nn.ReLU(), nn.Linear(8, 1)) trained for {steps} steps of SGD (lr {lr}) "
                              f"on nn.MSELoss() over 16 examples"),
        "untied_names": list(untied.keys()),
        "record": ("data.params.NAME[k] and data.grads.NAME[k]: parameter NAME before step k's update and its "
                   "gradient at step k; data.losses[k]: the loss at step k; the initializers: the weights "
                   "after all steps; data.untied.grads.NAME[k]: the gradients of an untied copy at step k"),
    })
    h.add_metadata(model, facts)
    h.save(model, "shared_training.onnx", manifest, seed,
           "torch.manual_seed(70); shared = nn.Linear(8, 8); nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, "
           "nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1)); data.X = torch.rand(16, 4), data.y; 10 SGD steps "
           "(p.data -= 0.1 * p.grad) on nn.MSELoss(); the initializers are the final weights")


def export(manifest, h):
    export_nest_mlp(manifest, h)
    export_fixed_hidden_mlp(manifest, h)
    export_chimera(manifest, h)
    export_shared_training(manifest, h)

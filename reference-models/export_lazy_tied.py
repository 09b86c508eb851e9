"""References for Groups 4 and 5, lazy initialization and tied parameters: called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata``,
``h.module_facts`` and ``h.save``.

Read by ``LazyInitializationTest`` and ``TiedParametersTest`` (grader/src/test/java/org/paramlab/grading/).

Files
-----
``lazy_linear.onnx`` (seed 41)
    One ``nn.LazyLinear(8)`` after its first forward on ``data.X`` (shape [3, 5]): the graph is the
    layer it became. ``seed.construct`` (41): ``torch.manual_seed(41); layer = nn.LazyLinear(8);
    torch.rand(3)`` is ``data.rand_after_construction`` (constructing draws nothing).
    ``seed.forward`` (42): ``torch.manual_seed(42); Y = layer(data.X)``: the weights, drawn during
    that forward, are the initializers ``weight`` and ``bias``; ``data.Y``; ``data.grad.weight``,
    ``data.grad.bias`` after ``Y.sum().backward()``. Metadata: ``repr.before``, ``repr.after``,
    ``in_features.before``, ``in_features.after``, ``named_parameters.before`` (JSON list),
    ``parameter_types.before`` (JSON list: ``type(p).__name__`` in ``named_parameters`` order),
    ``parameter_repr.before`` (``repr(layer.weight)``), ``error.uninitialized_use`` (PyTorch's
    message for ``layer.weight + 0`` before the forward), ``error.uninitialized_shape``
    (``layer.weight.shape``), ``error.changed_width`` (``layer(torch.rand(3, 6))`` after the first
    forward; ``changed_width.shape`` is that input's shape).
``lazy_net.onnx`` (seed 43)
    The notebook's ``net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1))`` after
    ``torch.manual_seed(43); net = ...; X = torch.rand(size=(2, 4)); net(X)``: the graph and
    initializers are the net it became; ``data.X``, ``data.Y``. Metadata: ``seed``, ``repr.before``,
    ``named_parameters.before``, ``state_dict_keys.before``, ``state_dict_types.before``, and
    ``module_facts`` of the net after the forward (``repr``, ``named_parameters``, ``tree``, ...).
    ``error.mismatched_layers``: PyTorch's message for
    ``nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(5, 1))(data.X)``.
``tied_training.onnx`` (seed 7, as ``tied.onnx``)
    The notebook's tied network as ``torch.manual_seed(7)`` builds it (``shared = nn.Linear(8, 8)``
    first). ``data.X`` is the notebook's ``torch.rand(size=(2, 4))`` drawn next, ``data.Y = net(X)``.
    ``data.edit.Y``: ``net(X)`` after ``net[2].weight.data[0, 0] = 100`` (on a copy).
    Training data (``torch.manual_seed(8)``): ``data.train.X = torch.randn(6, 4)``,
    ``data.train.y = torch.randn(6, 1)``; the loss is ``nn.MSELoss()(net(X), y)`` (the mean of the
    squared differences), ``data.loss``. ``data.grad.<name>``: every parameter's gradient after one
    ``loss.backward()`` (``named_parameters`` names: the shared layer once, as ``2.*``).
    ``data.untied.grad.2.*``, ``data.untied.grad.4.*``: the gradients of an untied copy (two
    ``nn.Linear(8, 8)`` holding the same values): the tied gradient is their sum.
    SGD: ``sgd.lr``, ``sgd.steps`` (k); from the initial weights, k times ``opt.zero_grad();
    loss = mse(net(X), y); loss.backward(); opt.step()`` with ``torch.optim.SGD(net.parameters(),
    lr)``: ``data.sgd.losses`` [k] (each step's loss before its update), ``data.sgd.<name>`` the
    weights afterwards. ``data.untied.sgd.2.weight``, ``data.untied.sgd.4.weight``: the untied
    copy's after the same k steps (they drift apart).
    ``data.step.p``, ``data.step.grad``, ``data.step.p_after``, ``data.step.q``: one
    ``torch.optim.SGD([p, q], lr=step.lr).step()`` where ``q`` has no gradient (it stays as it is).
    Metadata: ``module_facts`` of the net, ``state_dict_keys``, ``loss``, ``sgd.lr``,
    ``sgd.steps``, ``step.lr``, ``notebook.printed`` (the notebook's two printed comparisons).
``lazy_tied.onnx`` (seed 44)
    Notebook 1's tied network with lazy layers: ``torch.manual_seed(44); shared =
    nn.LazyLinear(8); net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), shared, nn.ReLU(), shared,
    nn.ReLU(), nn.LazyLinear(1)); X = torch.rand(size=(2, 4)); net(X)``: the graph and
    initializers are the net it became (the draws happen during the forward, layer by layer: 0,
    then the shared layer once at 2, then 6); ``data.X``, ``data.Y``; ``repr.before``, ``seed``
    and ``module_facts`` after.
"""

import copy
import warnings

import torch
from torch import nn

warnings.filterwarnings("ignore", message="Lazy modules are a new feature")


def _error(fn):
    try:
        fn()
    except (RuntimeError, ValueError) as error:
        return str(error)
    raise AssertionError("expected an error")


def _types(named):
    return [type(p).__name__ for _, p in named]


def export_lazy_linear(manifest, h):
    seed = 41
    torch.manual_seed(seed)
    layer = nn.LazyLinear(8)
    rand_after = torch.rand(3)
    facts = {
        "seed.construct": str(seed),
        "seed.forward": str(seed + 1),
        "repr.before": repr(layer),
        "in_features.before": str(layer.in_features),
        "named_parameters.before": [n for n, _ in layer.named_parameters()],
        "parameter_types.before": _types(layer.named_parameters()),
        "parameter_repr.before": repr(layer.weight),
        "error.uninitialized_use": _error(lambda: layer.weight + 0),
        "error.uninitialized_shape": _error(lambda: layer.weight.shape),
    }
    X = torch.rand(3, 5)
    torch.manual_seed(seed + 1)
    Y = layer(X)
    Y.sum().backward()
    wider = torch.rand(3, 6)
    facts.update({
        "repr.after": repr(layer),
        "type.after": type(layer).__name__,
        "in_features.after": str(layer.in_features),
        "named_parameters.after": [n for n, _ in layer.named_parameters()],
        "error.changed_width": _error(lambda: layer(wider)),
        "changed_width.shape": list(wider.shape),
    })
    model = h.export_module(layer, X, None)
    h.add_initializers(model, {
        "data.X": X, "data.Y": Y, "data.rand_after_construction": rand_after,
        "data.grad.weight": layer.weight.grad, "data.grad.bias": layer.bias.grad,
    })
    h.add_metadata(model, facts)
    h.save(model, "lazy_linear.onnx", manifest, seed,
           "torch.manual_seed(41); nn.LazyLinear(8) (data.rand_after_construction = torch.rand(3)); "
           "data.X = torch.rand(3, 5); torch.manual_seed(42); data.Y = layer(data.X), which draws the "
           "weights; data.grad.* after data.Y.sum().backward()")


def notebook_lazy_net():
    return nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1))


def export_lazy_net(manifest, h):
    seed = 43
    torch.manual_seed(seed)
    net = notebook_lazy_net()
    before = {
        "seed": str(seed),
        "repr.before": repr(net),
        "named_parameters.before": [n for n, _ in net.named_parameters()],
        "state_dict_keys.before": list(net.state_dict().keys()),
        "state_dict_types.before": [type(v).__name__ for v in net.state_dict().values()],
    }
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = net(X)
    facts = h.module_facts(net)
    facts.update(before)
    facts["error.mismatched_layers"] = _error(
        lambda: nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(5, 1))(X))
    model = h.export_module(net, X, None)
    h.add_initializers(model, {"data.X": X, "data.Y": Y})
    h.add_metadata(model, facts)
    h.save(model, "lazy_net.onnx", manifest, seed,
           "torch.manual_seed(43); net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1)); "
           "data.X = torch.rand(size=(2, 4)); data.Y = net(data.X) (the first forward draws the weights)")


def tied_net():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))


def untie(net):
    """A copy whose positions 2 and 4 are two nn.Linear(8, 8) with equal values (not tied)."""
    layers = [copy.deepcopy(m) for m in net]
    untied = nn.Sequential(*layers)
    assert untied[2] is not untied[4]
    return untied


def train(net, X, y, lr, steps):
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(net(X), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    return torch.tensor(losses)


def export_tied_training(manifest, h):
    seed = 7
    lr, steps = 0.1, 5
    torch.manual_seed(seed)
    net = tied_net()
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = net(X)
        edited = copy.deepcopy(net)
        eq_before = (edited[2].weight.data[0] == edited[4].weight.data[0])
        edited[2].weight.data[0, 0] = 100
        eq_after = (edited[2].weight.data[0] == edited[4].weight.data[0])
        Y_edit = edited(X)
    extras = {"data.X": X, "data.Y": Y, "data.edit.Y": Y_edit}

    torch.manual_seed(seed + 1)
    train_X = torch.randn(6, 4)
    train_y = torch.randn(6, 1)
    extras.update({"data.train.X": train_X, "data.train.y": train_y})

    graded = copy.deepcopy(net)
    loss = nn.MSELoss()(graded(train_X), train_y)
    loss.backward()
    extras["data.loss"] = loss.detach().reshape(1)
    for name, p in graded.named_parameters():
        extras["data.grad." + name] = p.grad

    untied = untie(net)
    nn.MSELoss()(untied(train_X), train_y).backward()
    for i in (2, 4):
        extras[f"data.untied.grad.{i}.weight"] = untied[i].weight.grad
        extras[f"data.untied.grad.{i}.bias"] = untied[i].bias.grad
    assert torch.allclose(untied[2].weight.grad + untied[4].weight.grad, graded[2].weight.grad, atol=1e-6)

    trained = copy.deepcopy(net)
    extras["data.sgd.losses"] = train(trained, train_X, train_y, lr, steps)
    for name, p in trained.named_parameters():
        extras["data.sgd." + name] = p.data
    untied = untie(net)
    train(untied, train_X, train_y, lr, steps)
    extras["data.untied.sgd.2.weight"] = untied[2].weight.data
    extras["data.untied.sgd.4.weight"] = untied[4].weight.data

    step_lr = 0.05
    torch.manual_seed(seed + 2)
    p = nn.Parameter(torch.randn(3, 4))
    p.grad = torch.randn(3, 4)
    q = nn.Parameter(torch.randn(2))
    extras.update({"data.step.p": p.data.clone(), "data.step.grad": p.grad.clone(), "data.step.q": q.data.clone()})
    torch.optim.SGD([p, q], lr=step_lr).step()
    extras["data.step.p_after"] = p.data

    facts = h.module_facts(net)
    facts.update({
        "seed": str(seed),
        "loss": "nn.MSELoss()(net(data.train.X), data.train.y): the mean of the squared differences",
        "sgd.lr": repr(lr),
        "sgd.steps": str(steps),
        "step.lr": repr(step_lr),
        "notebook.printed": [repr(eq_before), repr(eq_after)],
    })
    model = h.export_module(net, X, None)
    h.add_initializers(model, extras)
    h.add_metadata(model, facts)
    h.save(model, "tied_training.onnx", manifest, seed,
           "the notebook's tied network (torch.manual_seed(7), shared = nn.Linear(8, 8) built first); "
           "data.X = torch.rand(2, 4); gradients of an MSE loss on data.train.*, the untied copy's, and "
           "the weights after sgd.steps steps of torch.optim.SGD(lr=sgd.lr); one SGD step on data.step.*")


def export_lazy_tied(manifest, h):
    seed = 44
    torch.manual_seed(seed)
    shared = nn.LazyLinear(8)
    net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.LazyLinear(1))
    repr_before = repr(net)
    X = torch.rand(size=(2, 4))
    with torch.no_grad():
        Y = net(X)
    assert net[2] is net[4]
    facts = h.module_facts(net)
    facts.update({"seed": str(seed), "repr.before": repr_before})
    model = h.export_module(net, X, None)
    h.add_initializers(model, {"data.X": X, "data.Y": Y})
    h.add_metadata(model, facts)
    h.save(model, "lazy_tied.onnx", manifest, seed,
           "torch.manual_seed(44); shared = nn.LazyLinear(8); nn.Sequential(nn.LazyLinear(8), nn.ReLU(), "
           "shared, nn.ReLU(), shared, nn.ReLU(), nn.LazyLinear(1)); data.X = torch.rand(size=(2, 4)); "
           "data.Y = net(data.X) (the first forward draws the weights)")


def export(manifest, h):
    export_lazy_linear(manifest, h)
    export_lazy_net(manifest, h)
    export_tied_training(manifest, h)
    export_lazy_tied(manifest, h)

"""The corpus of generated networks: PyTorch's answers for every API of the chapter on a few hundred
random module trees. Called by export.py as ``export(manifest, h)``, or alone
(``/usr/bin/python3 reference-models/export_corpus.py [--out DIR]`` rewrites only ``corpus.onnx``; the
manifest entry is then printed, not written).

Why: a test that checks an API on the notebook's own networks passes every implementation that happens
to agree on those few structures. The notebook has no module that holds parameters *and* children,
nothing registered under two different parents, no nested container indexed from the end below the
first level, and its helper functions only ever see its own network. The trees drawn here cover that,
and PyTorch answers for each; the grader rebuilds each tree through the student's API and compares.

What a tree is made of (``nn.Module`` classes; widths 1 to 5, depth 1 to 4):

- ``nn.Sequential``, built positionally (children ``0``, ``1``, ...) or with ``add_module`` under
  numeric names (not contiguous, some of two digits) or identifiers;
- ``nn.Linear(in, out)``, ``nn.ReLU()``, ``nn.LazyLinear(out)`` (in the "lazy" trees);
- ``Custom``: a module with its own parameters *and* children: its forward runs every registered child
  in order, then multiplies by each own 1-D parameter (``x * p``) and by each own 2-D parameter
  (``x @ p.T``), in registration order; its ``extra_repr`` is ``width=N`` or empty;
- modules registered at two positions of one parent, modules registered under two different parents,
  and parameters registered in two different modules (a ``Custom`` may register another module's weight
  or bias as its own parameter).

The file ``corpus.onnx`` has an Identity graph (nothing runs); ``metadata_props`` hold ``corpus.index``
(the trees' ids, tags and sizes, JSON) and one ``tree.<id>`` entry per tree (JSON; the format is
documented in ``reference-models/README.md``, section "The corpus of generated networks"). Every number
in it is PyTorch's: parameter values, inputs, outputs, gradients, draws after a seed, error texts.
"""

import argparse
import contextlib
import copy
import io
import json
import os
import random
import sys

import numpy
import torch
from torch import nn
from onnx import TensorProto, helper

FILE = "corpus.onnx"
CORPUS_SEED = 1700          # the structure of tree i comes from random.Random(CORPUS_SEED + i)
TORCH_SEED = 17_000         # its values from torch.manual_seed(TORCH_SEED + 100 * i + k)
TREES = 300
MAX_WIDTH = 5
MAX_PATHS = 40              # a tree whose state dict would list more paths is drawn again

# Names a module may be registered under: never an attribute every nn.Module has (PyTorch refuses those).
IDENTIFIERS = ["block", "head", "body", "tail", "fc", "proj", "inner", "net", "layer", "out", "enc", "mlp"]
PARAM_NAMES = ["scale", "mix", "gain", "w", "shift", "gate"]
# Names get_submodule/get_parameter are asked for that no module here has.
MISSING_NAMES = ["9", "17", "block9", "baias", "wieght", "x", "head2", "linear", "scale2", "mixer"]

# Refused loads whose PyTorch message is not the text the Java contract prescribes (PyTorch orders
# unexpected keys by module, the contract by the dictionary): left out, and counted by --stats.
DROPPED = []


class Custom(nn.Module):
    """A module with its own parameters and its own children (the grader has the same class in Java)."""

    def __init__(self, width, extra):
        super().__init__()
        self.width = width
        self.show_width = extra     # 0: no extra repr, 1: one line, 2: two lines

    def extra_repr(self):
        if not self.show_width:
            return ""
        return f"width={self.width}" + (f"\nown={len(self._parameters)}" if self.show_width == 2 else "")

    def forward(self, x):
        for child in self._modules.values():
            x = child(x)
        for p in self._parameters.values():
            x = x * p if p.dim() == 1 else x @ p.t()
        return x


# The notebook's initializers, as written there (section "Parameter Initialization"), from export_init.
from export_init import init_normal, init_constant, xavier, init_42, my_init  # noqa: E402

INITIALIZERS = {"init_normal": init_normal, "init_constant": init_constant, "xavier": xavier,
                "init_42": init_42, "my_init": my_init}


# ---------------------------------------------------------------------------------------------
# Drawing a tree
# ---------------------------------------------------------------------------------------------

class Drawn:
    """A module being drawn: the object, its input and output widths, and whether it is finished."""

    def __init__(self, module, w_in, w_out, kind):
        self.module, self.w_in, self.w_out, self.kind = module, w_in, w_out, kind


class TreeDrawer:
    """Draws one random tree from ``rng``; parameter values come from torch's global generator."""

    def __init__(self, rng, lazy, sharing, max_depth):
        self.rng = rng
        self.lazy = lazy
        self.sharing = sharing
        self.max_depth = max_depth
        self.finished = []          # Drawn modules whose construction ended: candidates for sharing
        self.parameters = []        # (parameter, owner kind) of finished eager modules

    def width(self):
        return self.rng.randint(1, MAX_WIDTH)

    def reuse(self, w_in, leaf_only):
        if not self.sharing or self.rng.random() > 0.3:
            return None
        candidates = [d for d in self.finished if d.w_in == w_in and (not leaf_only or d.kind in ("linear", "relu", "lazy"))]
        return self.rng.choice(candidates) if candidates else None

    def leaf(self, w_in):
        r = self.rng.random()
        if r < 0.3:
            d = Drawn(nn.ReLU(), w_in, w_in, "relu")
        elif self.lazy and r < 0.55:
            w_out = self.width()
            d = Drawn(nn.LazyLinear(w_out), w_in, w_out, "lazy")
        else:
            w_out = self.width()
            d = Drawn(nn.Linear(w_in, w_out), w_in, w_out, "linear")
            self.parameters.append(d.module.weight)
            self.parameters.append(d.module.bias)
        self.finished.append(d)
        return d

    def module(self, depth, w_in):
        shared = self.reuse(w_in, leaf_only=depth >= self.max_depth)
        if shared is not None:
            return shared
        if depth >= self.max_depth or self.rng.random() < 0.3:
            return self.leaf(w_in)
        if self.rng.random() < 0.3:
            return self.custom(depth, w_in)
        return self.sequential(depth, w_in)

    def children(self, depth, w_in, count):
        drawn, w = [], w_in
        for _ in range(count):
            d = self.module(depth + 1, w)
            drawn.append(d)
            w = d.w_out
        return drawn, w

    def sequential(self, depth, w_in, force_children=False):
        count = self.rng.randint(1 if force_children else 0, 4)
        if count == 0:
            d = Drawn(nn.Sequential(), w_in, w_in, "sequential")
            self.finished.append(d)
            return d
        drawn, w_out = self.children(depth, w_in, count)
        style = self.rng.random()
        if style < 0.55:
            seq = nn.Sequential(*[d.module for d in drawn])
        else:
            seq = nn.Sequential()
            names = self.names(len(drawn), numeric=style < 0.75)
            for name, d in zip(names, drawn):
                seq.add_module(name, d.module)
        d = Drawn(seq, w_in, w_out, "sequential")
        self.finished.append(d)
        return d

    def names(self, count, numeric):
        if numeric:
            picks = sorted(self.rng.sample(range(0, 15), count))
            if self.rng.random() < 0.5:
                self.rng.shuffle(picks)   # registration order need not be numeric order
            return [str(p) for p in picks]
        base = self.rng.sample(IDENTIFIERS, count)
        return [b + (str(self.rng.randint(0, 3)) if self.rng.random() < 0.5 else "") for b in base]

    def custom(self, depth, w_in, force_children=False):
        count = self.rng.randint(1 if force_children else 0, 2)
        drawn, w_out = self.children(depth, w_in, count)
        module = Custom(w_out, self.rng.choice([0, 1, 1, 2]))
        names = self.names(len(drawn), numeric=self.rng.random() < 0.3)
        for name, d in zip(names, drawn):
            module.add_module(name, d.module)
        for pname in self.rng.sample(PARAM_NAMES, self.rng.randint(1, 2)):
            shape = (w_out,) if self.rng.random() < 0.5 else (w_out, w_out)
            candidates = [p for p in self.parameters if tuple(p.shape) == shape]
            if self.sharing and candidates and self.rng.random() < 0.4:
                param = self.rng.choice(candidates)          # a parameter of another module
            else:
                param = nn.Parameter(torch.randn(*shape) * 0.5 + (1.0 if len(shape) == 1 else 0.0))
                self.parameters.append(param)
            module.register_parameter(pname, param)
        d = Drawn(module, w_in, w_out, "custom")
        self.finished.append(d)
        return d

    def wide(self, w_in):
        """A flat Sequential of 11 to 13 positions: children "10", "11", ... (the notebook's have at most 7)."""
        children, w = [], w_in
        for k in range(self.rng.randint(11, 13)):
            if k % 2:
                d = Drawn(nn.ReLU(), w, w, "relu")
            else:
                w_out = self.rng.randint(1, 2)
                d = Drawn(nn.Linear(w, w_out), w, w_out, "linear")
            children.append(d.module)
            w = d.w_out
        return Drawn(nn.Sequential(*children), w_in, w, "sequential")

    def root(self, w_in):
        r = self.rng.random()
        if r < 0.2:
            return self.custom(0, w_in, force_children=True)
        if r < 0.23:
            return self.leaf(w_in)
        return self.sequential(0, w_in, force_children=True)


def draw_tree(index):
    """Tree ``index``: its structure from random.Random(CORPUS_SEED + index), values from torch."""
    for attempt in range(50):
        rng = random.Random(CORPUS_SEED + index * 1000 + attempt)
        lazy = rng.random() < 0.25
        sharing = rng.random() < 0.6
        levels = 1 + index % 4                   # levels of modules below the root: 1 to 4, evenly
        torch.manual_seed(TORCH_SEED + 100 * index)
        w_in = rng.randint(1, MAX_WIDTH)
        drawer = TreeDrawer(rng, lazy, sharing, levels)
        root = (drawer.wide(w_in) if index % 25 == 7 else drawer.root(w_in)).module
        paths = len(root.state_dict())
        leaf_root = not root._modules and type(root) != nn.Sequential
        if (0 < paths <= MAX_PATHS and (leaf_root or depth(root) - 1 == levels or index % 25 == 7)
                and (not lazy or any(isinstance(m, nn.LazyLinear) for m in root.modules()))):
            return root, w_in, rng
    raise AssertionError(f"tree {index}: no draw within the limits")


# ---------------------------------------------------------------------------------------------
# Describing a tree and PyTorch's answers
# ---------------------------------------------------------------------------------------------

def floats(t):
    """A tensor's values, flat, each written with the fewest digits that read back as the same float32
    (``numpy``'s shortest float32 repr: ``0.1``, not ``0.10000000149011612``)."""
    return [float(str(v)) for v in t.detach().reshape(-1).numpy().astype(numpy.float32)]


def every_module(root):
    """Every distinct module object, in the order of a walk over every registration."""
    seen, order = set(), []

    def walk(m):
        if id(m) in seen:
            return
        seen.add(id(m))
        order.append(m)
        for child in m._modules.values():
            walk(child)
    walk(root)
    return order


def every_parameter(modules):
    seen, order = set(), []
    for m in modules:
        for p in m._parameters.values():
            if id(p) not in seen:
                seen.add(id(p))
                order.append(p)
    return order


class Ids:
    """Stable ids for the module and parameter objects of one tree: m0, m1, ... and p0, p1, ..."""

    def __init__(self, root):
        self.modules = {id(m): f"m{i}" for i, m in enumerate(every_module(root))}
        self.parameters = {id(p): f"p{i}" for i, p in enumerate(every_parameter(every_module(root)))}

    def m(self, module):
        return self.modules[id(module)]

    def p(self, parameter):
        return self.parameters[id(parameter)]


def kind(module):
    if isinstance(module, Custom):
        return "custom"
    if isinstance(module, nn.Sequential):
        return "sequential"
    if isinstance(module, nn.LazyLinear):
        return "lazy"
    if isinstance(module, nn.Linear):
        return "linear"
    if isinstance(module, nn.ReLU):
        return "relu"
    raise AssertionError(type(module))


def structure(root, ids, lazy_kinds):
    """Every module: kind, PyTorch's class name and extra_repr, registered children and parameters."""
    modules = {}
    for m in every_module(root):
        entry = {
            "kind": lazy_kinds.get(id(m), kind(m)),
            "type": m._get_name(),
            "extra": m.extra_repr(),
            "children": [[name, ids.m(c)] for name, c in m._modules.items()],
            "parameters": [[name, ids.p(p)] for name, p in m._parameters.items()],
        }
        if isinstance(m, nn.Linear):
            entry["in"], entry["out"] = m.in_features, m.out_features
        if isinstance(m, Custom):
            entry["width"], entry["show_width"] = m.width, m.show_width
        modules[ids.m(m)] = entry
    return modules


def registration_paths(root):
    """Every path that reaches a module through the registrations (a shared module under each)."""
    paths = []

    def walk(m, prefix):
        paths.append((prefix, m))
        for name, c in m._modules.items():
            walk(c, f"{prefix}.{name}" if prefix else name)
    walk(root, "")
    return paths


def walks(root, ids):
    """PyTorch's own walks of the tree."""
    return {
        "repr": repr(root),
        "named_parameters": [[n, ids.p(p)] for n, p in root.named_parameters()],
        "parameters_order": [ids.p(p) for p in root.parameters()],
        "named_modules": [[n, ids.m(m)] for n, m in root.named_modules()],
        "named_children": {ids.m(m): [[n, ids.m(c)] for n, c in m.named_children()] for m in every_module(root)},
        "children": {ids.m(m): [ids.m(c) for c in m.children()] for m in every_module(root)},
        "state_dict": [[k, state_owner(root, k, ids)] for k in root.state_dict().keys()],
    }


def state_owner(root, key, ids):
    return ids.p(root.get_parameter(key))


def targeted_access(root, ids, rng):
    """get_submodule for every registration path, get_parameter for every state-dict key, and
    PyTorch's error texts for names that are missing (only "X has no attribute `y`" errors)."""
    modules = [[path, ids.m(m)] for path, m in registration_paths(root)]
    for path, mid in modules:
        assert ids.m(root.get_submodule(path)) == mid
    errors = []
    paths = [p for p, _ in registration_paths(root)]
    # a path that ends with a dot names an empty attribute: PyTorch looks it up, and has none
    trailing = rng.choice(paths) + "."
    for call in ("get_submodule", "get_parameter"):
        try:
            getattr(root, call)(trailing)
        except AttributeError as e:
            if " has no attribute `" in str(e):
                errors.append({"call": call, "target": trailing, "message": str(e)})
    for _ in range(6):
        prefix = rng.choice(paths)
        name = rng.choice(MISSING_NAMES)
        call = rng.choice(["get_submodule", "get_parameter"])
        if call == "get_submodule" and rng.random() < 0.3:
            target = ".".join(x for x in (prefix, name, rng.choice(["0", "weight", "body"])) if x)
        else:
            target = f"{prefix}.{name}" if prefix else name
        try:
            getattr(root, call)(target)
        except AttributeError as e:
            message = str(e)
            if " has no attribute `" in message and not any(x["target"] == target and x["call"] == call for x in errors):
                errors.append({"call": call, "target": target, "message": message})
            continue
        # the name exists after all (a child called "9"): not a missing name, not recorded
    return {"modules": modules, "errors": errors}


def sequential_indexing(root, ids, rng):
    """Indexing into nested nn.Sequential: net[i][j]... with positions counted from either end,
    every registration counted, and PyTorch's IndexError text for positions out of range."""
    cases, errors = [], []
    sequentials = [(p, m) for p, m in registration_paths(root) if type(m) == nn.Sequential and len(m) > 0]
    for _ in range(8):
        if not sequentials:
            break
        _, m = rng.choice(sequentials)
        start, path = m, []
        while isinstance(m, nn.Sequential) and len(m) > 0 and (not path or rng.random() < 0.8):
            size = len(m)
            i = rng.randrange(size)
            if rng.random() < 0.5:
                i -= size
            path.append(i)
            m = m[i]
        cases.append({"at": ids.m(start), "index": path, "module": ids.m(m)})
    for _, m in sequentials[:3]:
        for i in (len(m), -len(m) - 1):
            try:
                m[i]
            except IndexError as e:
                errors.append({"at": ids.m(m), "index": [i], "message": str(e)})
                continue
            raise AssertionError("no IndexError")
    return {"cases": cases, "errors": errors, "sizes": {ids.m(m): len(m) for _, m in sequentials}}


def apply_order(root, ids):
    visited = []
    returned = root.apply(lambda m: visited.append(ids.m(m)))
    assert returned is root
    return visited


def java_rule_message(root, missing, unexpected, sizes):
    """The message the Java contract prescribes (StateDictMismatchException), to keep only the
    perturbations where PyTorch's message is the same text."""
    problems = []
    if missing:
        problems.append("Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ". ")
    if unexpected:
        problems.append("Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ". ")
    problems.extend(sizes)
    return f"Error(s) in loading state_dict for {root._get_name()}:\n\t" + "\n\t".join(problems)


def load_cases(root, ids, rng):
    """load_state_dict with perturbed dictionaries. Refused ones: PyTorch's message (a refused load
    changes nothing in the Java contract, so no values after it are recorded). Accepted ones with
    new values, also two paths of one tied parameter holding different values: the values after."""
    keys = list(root.state_dict().keys())
    owners = {k: root.get_parameter(k) for k in keys}
    cases = []
    module_paths = [p for p, _ in registration_paths(root)]

    def attempt(change, values=None):
        state = {k: v.clone() for k, v in root.state_dict().items()}
        for k in change.get("remove", []):
            del state[k]
        for k, shape in change.get("replace", {}).items():
            state[k] = torch.zeros(shape)
        for k, shape in change.get("add", {}).items():
            state[k] = torch.zeros(shape)
        if values:
            for k, v in values.items():
                state[k] = v
        target = copy.deepcopy(root)
        try:
            target.load_state_dict(state)
        except RuntimeError as e:
            missing = [k for k in keys if k not in state]
            unexpected = [k for k in state if k not in keys]
            sizes = [f"size mismatch for {k}: copying a param with shape {state[k].shape} from checkpoint, the shape "
                     f"in current model is {root.state_dict()[k].shape}."
                     for k in keys if k in state and state[k].shape != root.state_dict()[k].shape]
            if str(e) == java_rule_message(root, missing, unexpected, sizes):
                cases.append({"change": change, "message": str(e)})
            else:
                DROPPED.append(str(e))
            return
        target_ids = Ids(target)
        after = {}
        for p in every_parameter(every_module(target)):
            after[target_ids.p(p)] = floats(p)
        case = {"change": change, "message": None, "after": after}
        if values:
            case["values"] = {k: floats(v) for k, v in values.items()}
        cases.append(case)

    if keys:
        attempt({"remove": rng.sample(keys, min(len(keys), rng.randint(1, 2)))})
        prefix = rng.choice(module_paths)
        extra = rng.choice(["extra", "weight2", "19", "bias_"])
        attempt({"add": {f"{prefix}.{extra}" if prefix else extra: [2]}})
        key = rng.choice(keys)
        shape = list(owners[key].shape)
        wrong = shape[:-1] + [shape[-1] + 1] if rng.random() < 0.7 else shape + [1]
        attempt({"replace": {key: wrong}})
        # several problems at once: one missing, one unexpected and one wrong shape, all reported together
        if len(keys) >= 2:
            gone, bad = rng.sample(keys, 2)
            prefix = rng.choice(module_paths)
            attempt({"remove": [gone], "add": {f"{prefix}.gamma" if prefix else "gamma": [1]},
                     "replace": {bad: list(owners[bad].shape) + [2]}})
        # new values for every key: each path its own values, so the paths of a tied parameter disagree
        tied = len({id(p) for p in owners.values()}) < len(keys)
        if tied:
            values = {k: torch.randn(*owners[k].shape) for k in keys}
            attempt({}, values)
    return cases


def short_shapes(t):
    return list(t.shape)


def loss_of(y, g):
    return (y * g).sum()


def lazy_in_features(layer, width):
    fresh = nn.LazyLinear(layer.out_features)
    fresh.initialize_parameters(torch.zeros(2, 3, width))
    return [width, fresh.in_features]


def forward_width(root, layer):
    """The width a LazyLinear sees at the first forward, found by running a copy of the network."""
    seen = {}
    net = copy.deepcopy(root)
    target = dict(zip(map(id, every_module(root)), every_module(net)))[id(layer)]
    def record(module, inputs):
        seen.setdefault("w", inputs[0].shape[-1])
    target.register_forward_pre_hook(record)
    with torch.random.fork_rng():
        net(torch.zeros(1, WIDTHS[id(root)]))
    return seen["w"]


WIDTHS = {}


def forward_case(root, w_in, ids, rng, index):
    """X, net(X), the gradients of (net(X) * G).sum(), zero_grad, and SGD steps on that loss."""
    batch = rng.randint(1, 4)
    torch.manual_seed(TORCH_SEED + 100 * index + 1)
    x = torch.randn(batch, w_in)
    x[x.abs() < 0.2] = 0.0                       # some exact zeros among positive and negative entries
    lazies = [m for m in every_module(root) if isinstance(m, nn.LazyLinear)]
    forward_seed = TORCH_SEED + 100 * index + 2
    torch.manual_seed(forward_seed)
    y = root(x)
    g = torch.randn(*y.shape)
    # a second call on the same objects, with another batch: nothing may be remembered from the first
    x2 = torch.randn(rng.randint(1, 4), w_in)
    with torch.no_grad():
        y2 = root(x2)
    return {"x": floats(x), "x_shape": short_shapes(x), "forward_seed": forward_seed, "lazy": bool(lazies),
            "x2": floats(x2), "x2_shape": short_shapes(x2), "y2": floats(y2), "y2_shape": list(y2.shape)}, x, y, g


def gradients(root, ids, x, g):
    root.zero_grad(set_to_none=True)
    loss_of(root(x), g).backward()
    grads = {ids.p(p): floats(p.grad) for p in every_parameter(every_module(root))}
    root.zero_grad(set_to_none=True)
    cleared = {ids.p(p): p.grad for p in every_parameter(every_module(root))}
    assert all(v is None for v in cleared.values())
    return grads


def sgd_case(root, ids, x, g, rng):
    net = copy.deepcopy(root)
    net_ids = Ids(net)
    lr = rng.choice([0.1, 0.05, 0.5])
    steps = rng.randint(1, 2)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    grads = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss_of(net(x), g).backward()
        opt.step()
        if not grads:   # step() leaves the gradients as they were: those of the first step
            grads.append({net_ids.p(p): floats(p.grad) for p in every_parameter(every_module(net))})
    after = {net_ids.p(p): floats(p) for p in every_parameter(every_module(net))}
    return {"lr": lr, "steps": steps, "after_last_step": after, "grad_after_first_step": grads[0]}


def initializer_cases(root, ids, index):
    """Each of the notebook's initializers applied to the whole network: the values after it, and
    what my_init printed."""
    cases = {}
    for k, (name, fn) in enumerate(INITIALIZERS.items()):
        net = copy.deepcopy(root)
        net_ids = Ids(net)
        seed = TORCH_SEED + 100 * index + 10 + k
        torch.manual_seed(seed)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            net.apply(fn)
        # only what changed: a parameter left out kept its values (a Custom's own, for example)
        before = {ids.p(p): p for p in every_parameter(every_module(root))}
        after = {net_ids.p(p): floats(p) for p in every_parameter(every_module(net))
                 if not torch.equal(p, before[net_ids.p(p)])}
        cases[name] = {"seed": seed, "after": after, "printed": printed.getvalue().splitlines()}
    return cases


def direct_edits_case(root, ids):
    """The notebook's direct edits (net[0].weight.data[:] += 1; net[0].weight.data[0, 0] = 42) made on every
    linear layer of the network, each once, in the order of the walk: the values of the weights after."""
    net = copy.deepcopy(root)
    net_ids = Ids(net)
    layers = [m for m in every_module(net) if type(m) == nn.Linear]
    for m in layers:
        m.weight.data[:] += 1
        m.weight.data[0, 0] = 42
    return {"layers": [net_ids.m(m) for m in layers],
            "after": {net_ids.p(m.weight): floats(m.weight) for m in layers}}


def linear_init_case(root, ids, index):
    """nn.Linear(in, out) for the widths of (at most two of) this network's linear layers, as PyTorch initializes
    it after a seed, and the same layer's parameters after reset_parameters() after another seed."""
    cases = {}
    layers = [m for m in every_module(root) if isinstance(m, nn.Linear)][:2]
    for k, m in enumerate(layers):
        seed, reset_seed = TORCH_SEED + 100 * index + 30 + 2 * k, TORCH_SEED + 100 * index + 31 + 2 * k
        torch.manual_seed(seed)
        layer = nn.Linear(m.in_features, m.out_features)
        weight, bias = layer.weight, layer.bias
        drawn = {"weight": floats(weight), "bias": floats(bias)}
        torch.manual_seed(reset_seed)
        layer.reset_parameters()
        assert layer.weight is weight and layer.bias is bias      # the same objects, drawn into in place
        cases[ids.m(m)] = {"seed": seed, "in": m.in_features, "out": m.out_features, **drawn,
                           "reset_seed": reset_seed, "reset_weight": floats(weight), "reset_bias": floats(bias)}
    return cases


def training_case(root, ids, x, rng, index):
    """The notebook's exercise 2 loop on this network: MSE loss, SGD, a record per step."""
    net = copy.deepcopy(root)
    torch.manual_seed(TORCH_SEED + 100 * index + 20)
    with torch.no_grad():
        y = net(x) + torch.randn(*net(x).shape)
    steps, lr = 2, rng.choice([0.05, 0.1])     # two steps: the second shows gradients left over from the first
    record = []
    for step in range(steps):
        values = {n: floats(p) for n, p in net.named_parameters()}
        net.zero_grad(set_to_none=True)
        loss = ((net(x) - y) ** 2).mean()
        loss.backward()
        grads = {n: floats(p.grad) for n, p in net.named_parameters()}
        record.append({"loss": float(loss.item()), "parameters": values, "gradients": grads})
        with torch.no_grad():
            for p in net.parameters():
                p.data -= lr * p.grad
    final = {n: floats(p) for n, p in net.named_parameters()}
    return {"y": floats(y), "steps": steps, "lr": lr, "record": record, "final": final}


def untied_case(root, ids):
    """untied_copy for a flat nn.Sequential of nn.Linear and nn.ReLU: every position its own layer."""
    if type(root) != nn.Sequential or not all(type(m) in (nn.Linear, nn.ReLU) for m in root):
        return None
    copy_net = nn.Sequential(*[copy.deepcopy(m) for m in root])
    return {"named_parameters": [[n, list(p.shape), floats(p)] for n, p in copy_net.named_parameters()]}


def tags_of(root, lazy):
    modules = every_module(root)
    tags = set()
    tags.add(f"depth{depth(root) - 1}")
    parents = {}
    for m in modules:
        for c in m._modules.values():
            parents.setdefault(id(c), set()).add(id(m))
        names = list(m._modules.keys())
        if len(names) != len(set(id(c) for c in m._modules.values())):
            tags.add("shared-module-same-parent")
            children = list(m._modules.values())
            if type(m) == nn.Sequential and any(children.count(c) > 1 and any(True for _ in c.parameters())
                                                 for c in children):
                tags.add("repeated-layer")      # a module with parameters at two positions of one Sequential
        if names and any(not n.isdigit() for n in names):
            tags.add("named-children")
        if type(m) == nn.Sequential and names and names != [str(i) for i in range(len(names))] and all(n.isdigit() for n in names):
            tags.add("numeric-names")
        if isinstance(m, Custom) and m._modules:
            tags.add("custom")
        if type(m) == nn.Sequential and not names:
            tags.add("empty-sequential")
        if len(names) > 10:
            tags.add("wide")
        if "\n" in m.extra_repr() and not m._modules:
            tags.add("multiline-extra-repr")    # printed on lines of its own although the module has no children
    if any(len(p) > 1 for p in parents.values()):
        tags.add("shared-module-cross-parent")
    for m in modules:
        first_path = {}
        for path, d in m.named_modules():
            first_path.setdefault(id(d), path)
        if any("." in first_path[id(c)] for c in m._modules.values()):
            tags.add("child-reached-first-elsewhere")   # m's walk meets one of its own children first deeper down
    owners = {}
    for m in modules:
        for p in m._parameters.values():
            owners.setdefault(id(p), set()).add(id(m))
    if any(len(o) > 1 for o in owners.values()):
        tags.add("shared-parameter-cross-parent")
    if isinstance(root, Custom):
        tags.add("custom-root")
    if lazy:
        tags.add("lazy")
    nested = [m for m in modules if type(m) == nn.Sequential and any(type(c) == nn.Sequential and len(c) > 0 for c in m)]
    if nested:
        tags.add("nested-sequential")
    if type(root) == nn.Sequential and all(type(m) in (nn.Linear, nn.ReLU) for m in root):
        tags.add("flat")
    return sorted(tags)


def depth(m):
    return 1 + max((depth(c) for c in m._modules.values()), default=0)


def tree_entry(index):
    root, w_in, rng = draw_tree(index)
    modules_before = every_module(root)
    lazy_kinds = {id(m): "lazy" for m in modules_before if isinstance(m, nn.LazyLinear)}
    lazy = bool(lazy_kinds)
    WIDTHS[id(root)] = w_in
    entry = {"id": index}
    if lazy:
        # Before the first forward: the placeholders have no shape. Ids are stable across the forward
        # (PyTorch materializes the parameters in place).
        ids_before = Ids(root)
        entry["before"] = {
            # a fresh LazyLinear(out) given a 3-D input [2, 3, in]: in_features comes from the last dimension
            "in_features_3d": {ids_before.m(m): lazy_in_features(m, forward_width(root, m)) for m in modules_before
                               if isinstance(m, nn.LazyLinear)},
            "repr": repr(root),
            "named_parameters": [[n, ids_before.p(p)] for n, p in root.named_parameters()],
            "state_dict": [k for k in root.state_dict().keys()],
            "modules": {ids_before.m(m): {"type": m._get_name(), "extra": m.extra_repr()} for m in modules_before},
        }
    forward, x, y, g = forward_case(root, w_in, None, rng, index)
    ids = Ids(root)
    if lazy:
        assert ids.modules == ids_before.modules and ids.parameters == ids_before.parameters
    tags = tags_of(root, lazy)
    entry["modules"] = structure(root, ids, lazy_kinds)
    entry["root"] = ids.m(root)
    entry["parameters"] = {ids.p(p): {"shape": list(p.shape), "values": floats(p)}
                           for p in every_parameter(every_module(root))}
    forward["y"] = floats(y)
    forward["y_shape"] = list(y.shape)
    forward["g"] = floats(g)
    forward["gradients"] = gradients(root, ids, x, g)
    entry["forward"] = forward
    entry.update(walks(root, ids))
    entry["access"] = targeted_access(root, ids, rng)
    entry["indexing"] = sequential_indexing(root, ids, rng)
    entry["apply"] = apply_order(root, ids)
    entry["load"] = load_cases(root, ids, rng)
    entry["sgd"] = sgd_case(root, ids, x, g, rng)
    if index % 5 in (0, 2):   # two trees in five: the notebook's initializers on every kind of tree, in a smaller file
        entry["init"] = initializer_cases(root, ids, index)
    entry["direct_edits"] = direct_edits_case(root, ids)
    entry["linear_init"] = linear_init_case(root, ids, index)
    if index % 4 == 0 or "repeated-layer" in tags or "shared-module-cross-parent" in tags or "custom-root" in tags:
        entry["train"] = training_case(root, ids, x, rng, index)
    untied = untied_case(root, ids)
    if untied is not None:
        entry["untied"] = untied
    entry["tags"] = tags
    entry["size"] = len(every_module(root)) + len(every_parameter(every_module(root)))
    entry["sketch"] = sketch(root, ids)
    return entry


def sketch(root, ids):
    """A one-line picture of the tree for feedback, e.g.
    ``Sequential(Linear(3, 2)#m1, ReLU(), blk=Custom{scale=[2]~p1}(#m1), Linear(2, 2){bias~p1})``:
    children in registration order, ``name=`` before a child whose name is not its position; a module
    registered more than once is marked ``#mK`` where it first appears and is written ``#mK`` afterwards; a
    Custom shows its own parameters in braces; a parameter registered in more than one module is marked
    ``~pK`` everywhere (a Linear shows ``{weight~pK}`` or ``{bias~pK}`` when its own is shared)."""
    modules = every_module(root)
    counts, owners = {}, {}
    for _, m in registration_paths(root):
        counts[id(m)] = counts.get(id(m), 0) + 1
    for m in modules:
        for p in m._parameters.values():
            owners.setdefault(id(p), set()).add(id(m))
    shared_p = {ids.p(p) for m in modules for p in m._parameters.values() if len(owners[id(p)]) > 1}
    shown = set()

    def mark(p):
        pid = ids.p(p)
        return "~" + pid if pid in shared_p else ""

    def text(m):
        mid = ids.m(m)
        if mid in shown:
            return "#" + mid
        shown.add(mid)
        label = m._get_name()
        if isinstance(m, nn.LazyLinear):
            label += f"({m.out_features})"
        elif isinstance(m, nn.Linear):
            label += f"({m.in_features}, {m.out_features})"
            own = [f"{n}{mark(p)}" for n, p in m._parameters.items() if mark(p)]
            if own:
                label += "{" + ", ".join(own) + "}"
        if isinstance(m, Custom):
            label += "{" + ", ".join(f"{n}={list(p.shape)}{mark(p)}" for n, p in m._parameters.items()) + "}"
        if counts[id(m)] > 1:
            label += "#" + mid
        positional = list(m._modules.keys()) == [str(i) for i in range(len(m._modules))]
        parts = [(text(c) if positional else f"{name}={text(c)}") for name, c in m._modules.items()]
        if parts or type(m) == nn.Sequential or isinstance(m, nn.ReLU):
            label += "(" + ", ".join(parts) + ")"
        return label

    return text(root)


def build(trees=TREES):
    torch.set_num_threads(1)
    entries = [tree_entry(i) for i in range(trees)]
    index = [{"id": e["id"], "tags": e["tags"], "size": e["size"],
              "has": [k for k in ("before", "train", "untied", "init") if k in e]} for e in entries]
    return index, entries


def export(manifest, h):
    index, entries = build()
    graph = helper.make_graph(
        [helper.make_node("Identity", ["X"], ["Y"])], "corpus",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, producer_name="paramlab reference-models/export_corpus.py",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    meta = {"corpus.index": json.dumps(index, separators=(",", ":")),
            "corpus.seed": str(CORPUS_SEED), "corpus.torch_seed": str(TORCH_SEED)}
    for e in entries:
        meta[f"tree.{e['id']}"] = json.dumps(e, separators=(",", ":"))
    h.add_metadata(model, meta)
    h.save(model, FILE, manifest, CORPUS_SEED,
           f"{len(entries)} random module trees (random.Random({CORPUS_SEED} + 1000 i), torch.manual_seed({TORCH_SEED} "
           "+ 100 i + k)) and PyTorch's answer for every API of the chapter on each: metadata corpus.index and tree.<i> "
           "(JSON; reference-models/README.md, 'The corpus of generated networks')")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="folder to write corpus.onnx to (default: reference-models/models)")
    parser.add_argument("--stats", action="store_true", help="print the corpus's figures instead of writing it")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import export as h
    if args.stats:
        index, entries = build()
        tags = {}
        for e in index:
            for t in e["tags"]:
                tags[t] = tags.get(t, 0) + 1
        print(json.dumps(tags, indent=1, sort_keys=True))
        print("trees", len(index), "json bytes", sum(len(json.dumps(e, separators=(",", ":"))) for e in entries))
        print("refused loads left out:", len(DROPPED), DROPPED[:3])
        checks = {k: sum(1 for e in entries if k in e) for k in ("before", "train", "untied")}
        print("load cases", sum(len(e["load"]) for e in entries), "access errors",
              sum(len(e["access"]["errors"]) for e in entries), "indexing", sum(len(e["indexing"]["cases"]) for e in entries),
              checks)
        return
    h.OUT = os.path.abspath(args.out or h.DEFAULT_OUT)
    os.makedirs(h.OUT, exist_ok=True)
    manifest = {"files": {}}
    export(manifest, h)
    print(json.dumps(manifest["files"][FILE], indent=2, sort_keys=True))


if __name__ == "__main__":
    main()

"""References for Group 3, initialization: called by export.py as ``export(manifest, h)``.

``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata``,
``h.module_facts`` and ``h.save``.

Writes ``models/init.onnx``: the graph is the notebook's ``net`` as ``torch.manual_seed(31)``
builds it; everything else travels beside it. Read by ``InitializationTest`` (through
``InitCases`` in ``graded-tests/src/main/java/org/paramlab/grading/support/``).

Naming
------
``cases`` (metadata, JSON list)
    One ``torch.nn.init`` call each: ``{"name", "fn", "seed", "shape", "args"}``. The tensor is
    ``nn.Parameter(torch.full(shape, cases.initial))``; ``torch.manual_seed(seed)``, then
    ``getattr(nn.init, fn)(tensor, **args)``. Its values afterwards are the initializer
    ``data.case.<name>``.
``cases.initial`` (metadata)
    The value every case's tensor holds before the call (so fills must overwrite it).
``linear.seed`` (metadata), ``data.linear.weight``
    ``torch.manual_seed(seed); nn.Linear(4, 8).weight``, the same numbers as the case
    ``kaiming_uniform_.8x4.linear`` (checked here).
``fans`` (metadata, JSON list)
    ``{"shape", "fan_in", "fan_out"}`` from ``nn.init._calculate_fan_in_and_fan_out``.
``fans.error`` (metadata, JSON)
    ``{"shape", "message"}``: PyTorch's error for a tensor with fewer than 2 dimensions.
``gains`` (metadata, JSON list)
    ``{"nonlinearity", "param" (null when not passed), "gain"}`` from ``nn.init.calculate_gain``.
``gains.error``, ``kaiming.mode_error`` (metadata, JSON)
    PyTorch's errors for an unsupported nonlinearity and for an unsupported mode.
``xavier_uniform_.errors``, ``xavier_normal_.errors``, ``kaiming_uniform_.errors`` (metadata, JSON lists)
    ``{"fn", "shape", "args", "message"}``: calls PyTorch refuses (a 1-D tensor; an unsupported
    nonlinearity) and its ValueError's text.
``stats`` (metadata, JSON list)
    Large tensors for statistical checks: ``{"name", "fn", "seed", "shape", "args", "min",
    "max", "mean", "std"}`` are PyTorch's draw; ``fan_in``, ``fan_out``, ``gain`` and ``bound``
    (uniform kinds: values lie in ``[-bound, bound)``) or ``expected_std`` (normal kinds) are
    what PyTorch's formulas give.
``notebook.*``
    The notebook's sequence on ``net`` (``notebook.steps``, each with its seed or null):
    ``net.apply(init_normal)``, ``net.apply(init_constant)``, ``net[0].apply(xavier)`` then
    ``net[2].apply(init_42)``, ``net.apply(my_init)`` (its printed lines:
    ``notebook.my_init.printed``), the direct edits. ``data.notebook.<step>.<param>`` holds
    ``net``'s parameters after each step.
``apply.<model>.tree``, ``apply.<model>.order`` (metadata)
    A model's structure (as ``module_facts``' ``tree``) and the ``named_modules`` paths of the
    modules ``model.apply(fn)`` passes to ``fn``, in call order (``net``, ``rgnet``, the tied
    network, and ``net[0]`` alone as ``apply.net0.order``).
"""

import contextlib
import io
import math

import warnings

import torch
from torch import nn

FILE = "init.onnx"
INITIAL = 7.0
# fan_out = 256, fan_in = 1024: every slip InitSlips names gives a bound or std at least 11% from the right
# one and from every other slip (with [256, 512], "fan_out alone" and "xavier_uniform_'s bound as std"
# coincide, as do "the other fan" and "the gain is missing" for a relu).
LARGE = [256, 1024]


def _case(name, fn, seed, shape, **args):
    return {"name": name, "fn": fn, "seed": seed, "shape": shape, "args": args}


def cases():
    s5 = math.sqrt(5)
    relu = nn.init.calculate_gain("relu")
    tanh = nn.init.calculate_gain("tanh")
    return [
        # 3.1: more and fewer than 16 elements (PyTorch's two normal_ paths), a tail block.
        _case("normal_.8x4", "normal_", 101, [8, 4], mean=0.0, std=0.01),
        _case("normal_.1x8", "normal_", 102, [1, 8], mean=0.0, std=0.01),
        _case("normal_.3x5", "normal_", 103, [3, 5], mean=1.5, std=2.0),
        _case("normal_.4x4", "normal_", 104, [4, 4], mean=0.0, std=1.0),
        _case("normal_.5x7", "normal_", 105, [5, 7], mean=-1.0, std=0.5),
        _case("normal_.17", "normal_", 106, [17], mean=0.0, std=1.0),
        _case("uniform_.8x4", "uniform_", 111, [8, 4], a=-10.0, b=10.0),
        _case("uniform_.1x8", "uniform_", 112, [1, 8], a=-10.0, b=10.0),
        _case("uniform_.3x5", "uniform_", 113, [3, 5], a=0.0, b=1.0),
        _case("uniform_.5x7", "uniform_", 114, [5, 7], a=-0.1, b=0.3),
        _case("uniform_.17", "uniform_", 115, [17], a=-1.0, b=1.0),
        _case("constant_.8x4", "constant_", 121, [8, 4], val=1.0),
        _case("constant_.1x8", "constant_", 122, [1, 8], val=42.0),
        _case("constant_.3x5", "constant_", 123, [3, 5], val=0.3),
        _case("constant_.17", "constant_", 124, [17], val=-2.5),
        _case("zeros_.8x4", "zeros_", 125, [8, 4]),
        _case("zeros_.17", "zeros_", 126, [17]),
        _case("ones_.1x8", "ones_", 127, [1, 8]),
        _case("ones_.3x5", "ones_", 128, [3, 5]),
        # 3.2
        _case("xavier_uniform_.8x4", "xavier_uniform_", 131, [8, 4], gain=1.0),
        _case("xavier_uniform_.1x8", "xavier_uniform_", 132, [1, 8], gain=1.0),
        _case("xavier_uniform_.3x5.relu", "xavier_uniform_", 133, [3, 5], gain=relu),
        _case("xavier_uniform_.4x6x3x3.tanh", "xavier_uniform_", 134, [4, 6, 3, 3], gain=tanh),
        _case("xavier_normal_.8x4", "xavier_normal_", 141, [8, 4], gain=1.0),
        _case("xavier_normal_.1x8", "xavier_normal_", 142, [1, 8], gain=1.0),
        _case("xavier_normal_.5x7.gain2", "xavier_normal_", 143, [5, 7], gain=2.0),
        _case("xavier_normal_.4x6x3x3", "xavier_normal_", 144, [4, 6, 3, 3], gain=1.0),
        # 3.3
        _case("kaiming_uniform_.8x4.linear", "kaiming_uniform_", 151, [8, 4],
              a=s5, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.1x8.linear", "kaiming_uniform_", 152, [1, 8],
              a=s5, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.8x4", "kaiming_uniform_", 153, [8, 4],
              a=0.0, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.3x5.fan_out.relu", "kaiming_uniform_", 154, [3, 5],
              a=0.0, mode="fan_out", nonlinearity="relu"),
        _case("kaiming_uniform_.5x7.fan_out.0.2", "kaiming_uniform_", 155, [5, 7],
              a=0.2, mode="fan_out", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.4x6x3x3", "kaiming_uniform_", 156, [4, 6, 3, 3],
              a=0.0, mode="fan_in", nonlinearity="leaky_relu"),
        # PyTorch lowers the mode (_calculate_correct_fan: mode = mode.lower()).
        _case("kaiming_uniform_.3x5.FAN_OUT.relu", "kaiming_uniform_", 157, [3, 5],
              a=0.0, mode="FAN_OUT", nonlinearity="relu"),
        _case("kaiming_uniform_.8x4.Fan_In.0.2", "kaiming_uniform_", 158, [8, 4],
              a=0.2, mode="Fan_In", nonlinearity="leaky_relu"),
    ]


def run_case(case):
    tensor = nn.Parameter(torch.full(case["shape"], INITIAL))
    torch.manual_seed(case["seed"])
    result = getattr(nn.init, case["fn"])(tensor, **case["args"])
    assert result is tensor, case["name"]
    return tensor.detach().clone()


def error(call):
    try:
        call()
    except ValueError as e:
        return str(e)
    raise AssertionError("no error")


def refusals(calls):
    """PyTorch's ValueError for each ``(fn, shape, args)`` call, as ``{"fn", "shape", "args", "message"}``."""
    return [{"fn": fn, "shape": shape, "args": args,
             "message": error(lambda: getattr(nn.init, fn)(torch.empty(shape), **args))}
            for fn, shape, args in calls]


def fans():
    shapes = [[8, 4], [1, 8], [3, 5], [256, 512], [4, 6, 3, 3], [16, 3, 5]]
    result = []
    for shape in shapes:
        fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
        result.append({"shape": shape, "fan_in": fan_in, "fan_out": fan_out})
    return result


def gains():
    calls = [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None),
             ("conv_transpose1d", None), ("conv_transpose2d", None), ("conv_transpose3d", None),
             ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None),
             ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)), ("leaky_relu", 0.0), ("selu", None)]
    result = []
    for name, param in calls:
        gain = nn.init.calculate_gain(name) if param is None else nn.init.calculate_gain(name, param)
        result.append({"nonlinearity": name, "param": param, "gain": float(gain)})
    return result


def stats():
    s5 = math.sqrt(5)
    rows = [
        _case("normal_", "normal_", 201, LARGE, mean=0.0, std=0.01),
        _case("uniform_", "uniform_", 202, LARGE, a=-10.0, b=10.0),
        _case("xavier_uniform_", "xavier_uniform_", 203, LARGE, gain=1.0),
        _case("xavier_normal_", "xavier_normal_", 204, LARGE, gain=1.0),
        _case("kaiming_uniform_", "kaiming_uniform_", 205, LARGE,
              a=0.0, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.linear", "kaiming_uniform_", 206, LARGE,
              a=s5, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.fan_out.relu", "kaiming_uniform_", 207, LARGE,
              a=0.0, mode="fan_out", nonlinearity="relu"),
    ]
    for row in rows:
        t = run_case(row).double()
        row.update({"min": t.min().item(), "max": t.max().item(), "mean": t.mean().item(),
                    "std": t.std().item()})
        fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(t)
        args = row["args"]
        fn = row["fn"]
        if fn == "normal_":
            row["expected_std"] = args["std"]
        elif fn == "uniform_":
            row["bound"] = args["b"]
        elif fn.startswith("xavier"):
            row.update(fan_in=fan_in, fan_out=fan_out, gain=args["gain"])
            std = args["gain"] * math.sqrt(2.0 / float(fan_in + fan_out))
            row["bound" if fn == "xavier_uniform_" else "expected_std"] = (
                math.sqrt(3.0) * std if fn == "xavier_uniform_" else std)
        else:
            fan = fan_in if args["mode"] == "fan_in" else fan_out
            gain = nn.init.calculate_gain(args["nonlinearity"], args["a"])
            row.update(fan_in=fan_in, fan_out=fan_out, gain=gain,
                       bound=math.sqrt(3.0) * gain / math.sqrt(fan))
    return rows


# The notebook's initializers, as written there.
def init_normal(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)


def init_constant(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 1)
        nn.init.zeros_(m.bias)


def xavier(m):
    if type(m) == nn.Linear:
        nn.init.xavier_uniform_(m.weight)


def init_42(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 42)


def my_init(m):
    if type(m) == nn.Linear:
        print("Init", *[(name, param.shape) for name, param in m.named_parameters()][0])
        nn.init.uniform_(m.weight, -10, 10)
        m.weight.data *= m.weight.data.abs() >= 5


def notebook(net, tensors, meta):
    """Runs the notebook's cells on net, recording the parameters after each step."""
    steps = []

    def record(step, seed):
        steps.append({"step": step, "seed": seed})
        for name, p in net.named_parameters():
            tensors[f"data.notebook.{step}.{name}"] = p.detach().clone()

    torch.manual_seed(32)
    net.apply(init_normal)
    record("init_normal", 32)
    net.apply(init_constant)
    record("init_constant", None)
    torch.manual_seed(33)
    net[0].apply(xavier)
    net[2].apply(init_42)
    record("xavier_42", 33)
    printed = io.StringIO()
    torch.manual_seed(34)
    with contextlib.redirect_stdout(printed):
        net.apply(my_init)
    record("my_init", 34)
    net[0].weight.data[:] += 1
    net[0].weight.data[0, 0] = 42
    record("direct_edits", None)
    meta["notebook.steps"] = steps
    meta["notebook.my_init.printed"] = printed.getvalue()


def apply_order(name, module, meta):
    paths = {}
    for path, m in module.named_modules(remove_duplicate=False):
        paths.setdefault(id(m), path)
    visited = []
    module.apply(lambda m: visited.append(paths[id(m)]))
    meta[f"apply.{name}.tree"] = _facts_tree(module)
    meta[f"apply.{name}.order"] = visited


_h = None


def _facts_tree(module):
    return _h.module_facts(module)["tree"]


def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def block2():
    net = nn.Sequential()
    for i in range(4):
        net.add_module(f"block{i}", block1())
    return net


def export(manifest, h):
    global _h
    _h = h
    seed = 31
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    X = torch.rand(size=(2, 4))
    model = h.export_module(net, X, None)

    tensors = {}
    meta = {"cases.initial": repr(INITIAL)}
    all_cases = cases()
    for case in all_cases:
        tensors[f"data.case.{case['name']}"] = run_case(case)
    meta["cases"] = all_cases

    linear_seed = 151
    torch.manual_seed(linear_seed)
    linear = nn.Linear(4, 8)
    assert torch.equal(linear.weight.detach(), tensors["data.case.kaiming_uniform_.8x4.linear"])
    tensors["data.linear.weight"] = linear.weight
    meta["linear.seed"] = str(linear_seed)

    meta["fans"] = fans()
    meta["fans.error"] = {"shape": [5], "message": error(
        lambda: nn.init._calculate_fan_in_and_fan_out(torch.empty(5)))}
    meta["gains"] = gains()
    meta["gains.error"] = {"nonlinearity": "softmax", "message": error(
        lambda: nn.init.calculate_gain("softmax"))}
    meta["kaiming.mode_error"] = {"mode": "fan_avg", "message": error(
        lambda: nn.init.kaiming_uniform_(torch.empty(8, 4), mode="fan_avg"))}
    meta["xavier_uniform_.errors"] = refusals([("xavier_uniform_", [5], {"gain": 1.0})])
    meta["xavier_normal_.errors"] = refusals([("xavier_normal_", [5], {"gain": 1.0})])
    meta["kaiming_uniform_.errors"] = refusals([
        ("kaiming_uniform_", [5], {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"}),
        ("kaiming_uniform_", [8, 4], {"a": 0.0, "mode": "fan_in", "nonlinearity": "softmax"})])
    meta["stats"] = stats()
    # A tensor with no elements: PyTorch warns "Initializing zero-element tensors is a no-op"
    # and returns the tensor itself.
    empty = torch.empty(0, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta["kaiming.empty_returns_input"] = str(nn.init.kaiming_uniform_(empty) is empty)

    notebook(net, tensors, meta)

    apply_order("net", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)), meta)
    net0 = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    meta["apply.net0.order"] = []
    net0[0].apply(lambda m: meta["apply.net0.order"].append(
        {id(x): p for p, x in net0.named_modules()}[id(m)]))
    apply_order("rgnet", nn.Sequential(block2(), nn.Linear(4, 1)), meta)
    shared = nn.Linear(8, 8)
    apply_order("tied", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared,
                                      nn.ReLU(), nn.Linear(8, 1)), meta)

    h.add_initializers(model, tensors)
    h.add_metadata(model, meta)
    h.save(model, FILE, manifest, seed,
           "torch.nn.init on fixed seeds (cases, fans, gains, refusals, stats of [256, 1024] draws); the "
           "notebook's init_normal, init_constant, xavier/init_42, my_init and direct edits on "
           "net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)) (torch.manual_seed(31)); "
           "the order in which apply visits net, rgnet and the tied network")

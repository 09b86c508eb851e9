"""References for inputs from the whole domain the javadoc allows: called by export.py as ``export(manifest, h)``.

The other exporters record the notebook's cases (widths 4 and 8, random inputs); this one records
PyTorch's answers where a function's contract reaches beyond them: signs, zeros, infinities and NaN
where PyTorch defines the result, other widths and ranks, batch size 1, repeated calls on the same
object. Only what the student API's javadoc promises is recorded (its sentences are quoted beside
each group below).

Writes ``models/domain.onnx``: a trivial graph (one ``Identity`` node, ``X -> Y``), as
``tensor_tests.onnx``, that exists only to carry named initializers and ``metadata_props``. Read by
``WholeDomainTest`` (``grader/src/test/java/org/paramlab/grading/``).

Naming
------
``relu`` (metadata, JSON list)
    ``{"name", "shape", "about", "grad"}``: ``data.relu.<name>.X`` and ``data.relu.<name>.Y`` =
    ``nn.ReLU()(X)``; when ``grad`` is true, ``data.relu.<name>.grad`` = ``X.grad`` after
    ``relu(X).sum().backward()`` (not recorded where X holds NaN: the derivative is not defined there).
``linear.init`` (metadata, JSON list)
    ``{"name", "in", "out", "seed"}``: ``torch.manual_seed(seed); nn.Linear(in, out)``; its
    parameters are ``data.linear.init.<name>.weight`` and ``.bias``.
``linear.forward`` (metadata, JSON list)
    ``{"name", "in", "out", "batches", "about"}``: one ``nn.Linear(in, out)`` whose parameters are set
    to ``data.linear.forward.<name>.weight`` and ``.bias``, called on ``.X<k>`` (batch
    ``batches[k]``) in order, giving ``.Y<k>``. Calling it on ``X0`` once more gives ``Y0`` again
    (checked here). Finite values are dyadic (multiples of powers of 2 with few digits), so every
    product and sum is exact in float32: no order of summation can change a result.
``init.initial``, ``init.cases`` (metadata)
    As ``cases.initial`` and ``cases`` of ``init.onnx`` (export_init.py): ``{"name", "fn", "seed",
    "shape", "args"}``; the tensor is ``nn.Parameter(torch.full(shape, init.initial))``, then
    ``torch.manual_seed(seed); getattr(nn.init, fn)(tensor, **args)``; its values afterwards are
    ``data.init.<name>``.
``fans``, ``fans.errors`` (metadata, JSON lists)
    ``{"shape", "fan_in", "fan_out"}`` from ``nn.init._calculate_fan_in_and_fan_out``;
    ``{"shape", "message"}``: its ValueError for tensors with fewer than 2 dimensions.
``gains``, ``gains.errors`` (metadata, JSON lists)
    ``{"nonlinearity", "param" (null when not passed), "gain"}`` from ``nn.init.calculate_gain``;
    ``{"nonlinearity", "message"}``: its ValueError for names it does not know.
``kaiming.mode_errors`` (metadata, JSON list)
    ``{"shape", "mode", "message"}``: ``nn.init.kaiming_uniform_``'s ValueError for a mode other
    than fan_in/fan_out (after lowering it, as PyTorch does).
``sgd`` (metadata, JSON list)
    ``{"name", "lr", "grads", "steps"}``: parameters ``data.sgd.<name>.p<i>`` (one per entry of
    ``grads``), each given the gradient ``data.sgd.<name>.g<i>`` where ``grads[i]`` is true and none
    where it is false; ``torch.optim.SGD(params, lr=lr)``, then ``steps`` calls of ``opt.step()`` on
    the same optimizer; ``data.sgd.<name>.p<i>.step<k>`` is parameter i after step k (1-based).
``mse`` (metadata, JSON list)
    ``{"name", "shape"}``: ``loss = nn.MSELoss()(yhat, y)`` for ``data.mse.<name>.yhat`` and
    ``.y`` (both leaves that require grad); ``.loss`` (0-d) and, after ``loss.backward()``,
    ``.grad.yhat`` and ``.grad.y``.
"""

import math

import torch
from onnx import TensorProto, helper
from torch import nn

FILE = "domain.onnx"
SEED = 90
INITIAL = 7.0

INF = math.inf
NAN = math.nan


def _gen(seed):
    """A generator of its own for the data, so that nothing here depends on the default one's state."""
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def _dyadic(g, shape, steps, denominator, low=None):
    """Multiples of 1/denominator in [-steps, steps] / denominator (or [low, steps]): exact in float32."""
    low = -steps if low is None else low
    return torch.randint(low, steps + 1, shape, generator=g).float() / denominator


# ---------------------------------------------------------------------------------------------
# 1.3 ReLU.forward: "max(x, 0) element-wise, keeping the shape of x (Tensor.relu()), as a new tensor
# ... autograd connects the result to x". PyTorch keeps NaN (relu(nan) is nan), maps -inf to 0 and
# +inf to inf, keeps denormals. Its relu(-0.0) is -0.0; the grader compares values, and -0.0 == 0.0,
# so Java's Math.max(-0.0f, 0f) = 0.0f is not held against anyone.
# ---------------------------------------------------------------------------------------------

def relu_cases(tensors):
    g = _gen(SEED + 1)
    tiny = 1.401298464324817e-45  # the smallest positive float32 (a denormal)
    normal_min = 1.1754943508222875e-38
    huge = 3.4028234663852886e+38  # the largest float32
    cases = [
        ("nan_inf_zero", "NaN, +-inf and +-0.0", torch.tensor([NAN, INF, -INF, 0.0, -0.0, 2.5, -2.5, NAN]), False),
        ("tiny_huge", "+-inf, +-0.0, denormals, the smallest normal and the largest float",
         torch.tensor([[INF, -INF, 0.0, -0.0], [tiny, -tiny, normal_min, -normal_min],
                       [huge, -huge, 1e-30, -1e30]]), True),
        ("scalar", "a 0-d tensor", torch.tensor(-3.0), True),
        ("one", "a 1-D tensor of one element", torch.tensor([0.75]), True),
        ("batch1", "a batch of one row", torch.randn(1, 5, generator=g), True),
        ("rank3", "a 3-D tensor", torch.randn(2, 3, 4, generator=g), True),
        ("wide", "a wide 2-D tensor with exact zeros", torch.randn(3, 17, generator=g) * (torch.rand(3, 17, generator=g) > 0.2), True),
        ("nan_rank3", "a 3-D tensor with NaN and infinities", torch.tensor(
            [[[NAN, -1.0], [INF, 0.0]], [[-INF, NAN], [3.0, -0.0]]]), False),
    ]
    meta = []
    for name, about, x, grad in cases:
        x = x.float()
        relu = nn.ReLU()
        leaf = x.clone().requires_grad_(grad)
        y = relu(leaf)
        tensors[f"data.relu.{name}.X"] = x
        tensors[f"data.relu.{name}.Y"] = y.detach()
        if grad:
            assert not torch.isnan(x).any(), name
            y.sum().backward()
            tensors[f"data.relu.{name}.grad"] = leaf.grad
        meta.append({"name": name, "shape": list(x.shape), "about": about, "grad": grad})
    return meta


# ---------------------------------------------------------------------------------------------
# 1.1 Linear's default initialization: "first every weight from U(-k, k) ... then every bias ...
# Draw in exactly this order (weight, then bias) and the same seed gives PyTorch's numbers", for any
# positive sizes, not only the notebook's.
# ---------------------------------------------------------------------------------------------

def linear_init_cases(tensors):
    shapes = [(1, 1), (3, 7), (17, 3), (7, 3), (5, 17), (2, 33), (16, 1)]
    meta = []
    for k, (fan_in, fan_out) in enumerate(shapes):
        name = f"{fan_in}x{fan_out}"
        seed = 910 + k
        torch.manual_seed(seed)
        layer = nn.Linear(fan_in, fan_out)
        tensors[f"data.linear.init.{name}.weight"] = layer.weight.detach().clone()
        tensors[f"data.linear.init.{name}.bias"] = layer.bias.detach().clone()
        meta.append({"name": name, "in": fan_in, "out": fan_out, "seed": seed})
    return meta


# ---------------------------------------------------------------------------------------------
# 1.2 Linear.forward: "x W^T + b for a batch x of shape [batch, inFeatures], giving
# [batch, outFeatures] ... x itself is left unchanged", for any batch (1 included) and width.
# ---------------------------------------------------------------------------------------------

def _reference_linear(x, w, b):
    """x W^T + b in float64, each output element as a sum in IEEE arithmetic (NaN, inf as they come)."""
    return x.double() @ w.double().t() + b.double()


def linear_forward_cases(tensors):
    g = _gen(SEED + 2)
    cases = []

    def case(name, about, fan_in, fan_out, inputs, weight=None, bias=None):
        w = _dyadic(g, (fan_out, fan_in), 64, 64) if weight is None else weight
        b = _dyadic(g, (fan_out,), 64, 64) if bias is None else bias
        cases.append((name, about, fan_in, fan_out, w, b, inputs))

    def x(batch, fan_in):
        return _dyadic(g, (batch, fan_in), 32, 8)

    # Batch size 1, and every width from 1 to 7, square and not.
    case("4x8.batch1", "the notebook's Linear(4, 8) on a batch of one row", 4, 8, [x(1, 4)])
    case("1x1", "Linear(1, 1) on batches of 1 and 3", 1, 1, [x(1, 1), x(3, 1)])
    case("1x3", "Linear(1, 3)", 1, 3, [x(2, 1)])
    case("2x5", "Linear(2, 5) on a batch of one row", 2, 5, [x(1, 2)])
    case("3x1", "Linear(3, 1)", 3, 1, [x(4, 3)])
    case("5x2", "Linear(5, 2) on a batch of one row", 5, 2, [x(1, 5)])
    case("6x6", "Linear(6, 6), square", 6, 6, [x(3, 6)])
    case("7x4", "Linear(7, 4)", 7, 4, [x(2, 7), x(1, 7)])
    case("3x7", "Linear(3, 7)", 3, 7, [x(5, 3)])
    # Zeros, negatives, large values.
    case("zeros", "an input of zeros: every row is the bias", 4, 3, [torch.zeros(2, 4), torch.zeros(1, 4)])
    case("zero_weight", "a weight of zeros: every row is the bias", 3, 2, [x(2, 3)],
         weight=torch.zeros(2, 3))
    case("negatives", "negative inputs, weights and bias", 5, 3, [-_dyadic(g, (3, 5), 32, 8, low=1)],
         weight=-_dyadic(g, (3, 5), 64, 64, low=1), bias=-_dyadic(g, (3,), 64, 64, low=1))
    case("large", "inputs near 1e30", 3, 2, [_dyadic(g, (2, 3), 1000, 1) * 2.0 ** 90])
    # Infinities and NaN in the input: inf * w is +-inf by the sign of w, inf - inf is NaN, NaN spreads.
    case("inf", "+-inf and NaN in the input", 3, 4,
         [torch.tensor([[INF, 1.0, 2.0], [-INF, 0.5, -1.0], [INF, -INF, 0.25], [NAN, 1.0, 1.0], [1.0, 2.0, 3.0]])],
         weight=torch.tensor([[0.5, 0.25, -1.0], [-0.75, 0.5, 0.125], [1.0, 1.0, 0.5], [-0.25, -0.5, 2.0]]),
         bias=torch.tensor([0.5, -1.0, 0.0, 2.0]))

    meta = []
    for name, about, fan_in, fan_out, w, b, inputs in cases:
        layer = nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            layer.weight.copy_(w)
            layer.bias.copy_(b)
        prefix = f"data.linear.forward.{name}"
        tensors[f"{prefix}.weight"] = w
        tensors[f"{prefix}.bias"] = b
        outputs = []
        for k, xk in enumerate(inputs):
            original = xk.clone()
            with torch.no_grad():
                yk = layer(xk)
            assert torch.equal(xk, original) or torch.isnan(xk).any(), name
            expected = _reference_linear(xk, w, b).float()
            assert torch.allclose(yk, expected, rtol=1e-6, atol=0, equal_nan=True), (name, yk, expected)
            tensors[f"{prefix}.X{k}"] = xk
            tensors[f"{prefix}.Y{k}"] = yk
            outputs.append(yk)
        with torch.no_grad():
            again = layer(inputs[0])
        assert torch.allclose(again, outputs[0], rtol=0, atol=0, equal_nan=True), name
        meta.append({"name": name, "in": fan_in, "out": fan_out, "batches": [xk.shape[0] for xk in inputs],
                     "about": about})
    return meta


# ---------------------------------------------------------------------------------------------
# 3.1-3.3 torch.nn.init on ranks and arguments beyond the notebook's: 1-D and 3-D tensors, std 0,
# an empty range U(a, a), negative means and ranges, constants -0.0, +-inf and NaN (PyTorch's
# fill_ takes them), Xavier with gains (0 included) on 3-D to 5-D weights, Kaiming with every mode,
# several nonlinearities and slopes on 2-D to 5-D weights, upper-case modes.
# ---------------------------------------------------------------------------------------------

def _case(name, fn, seed, shape, **args):
    return {"name": name, "fn": fn, "seed": seed, "shape": shape, "args": args}


def init_cases():
    relu = math.sqrt(2.0)
    s5 = math.sqrt(5)
    return [
        # 3.1: normal_ on one element (the scalar path), 1-D and 3-D, std 0, a negative mean.
        _case("normal_.1", "normal_", 920, [1], mean=0.0, std=1.0),
        _case("normal_.5.mean-3", "normal_", 921, [5], mean=-3.0, std=0.5),
        _case("normal_.33", "normal_", 922, [33], mean=0.0, std=1.0),
        _case("normal_.2x3x4", "normal_", 923, [2, 3, 4], mean=1.0, std=2.0),
        _case("normal_.3x1x5", "normal_", 924, [3, 1, 5], mean=0.0, std=0.01),
        _case("normal_.2x3x4.std0", "normal_", 925, [2, 3, 4], mean=-3.0, std=0.0),
        _case("normal_.7.std0", "normal_", 926, [7], mean=0.0, std=0.0),
        # uniform_: one element, 1-D and 3-D, an empty range U(a, a), negative ranges, U(-0.0, 0.0).
        _case("uniform_.1", "uniform_", 930, [1], a=0.0, b=1.0),
        _case("uniform_.2x3x4", "uniform_", 931, [2, 3, 4], a=-2.0, b=2.0),
        _case("uniform_.6.a=b", "uniform_", 932, [6], a=2.5, b=2.5),
        _case("uniform_.3x1x5.negative", "uniform_", 933, [3, 1, 5], a=-3.0, b=-1.0),
        _case("uniform_.4.-0.0", "uniform_", 934, [4], a=-0.0, b=0.0),
        _case("uniform_.2x2x2.tiny", "uniform_", 935, [2, 2, 2], a=-1e-3, b=1e-3),
        # constant_, zeros_, ones_ on 1-D and 3-D tensors, with 0, -0.0, negatives, +-inf, NaN, denormals.
        _case("constant_.4.-0.0", "constant_", 940, [4], val=-0.0),
        _case("constant_.1.zero", "constant_", 941, [1], val=0.0),
        _case("constant_.2x3x4.negative", "constant_", 942, [2, 3, 4], val=-7.25),
        _case("constant_.3.inf", "constant_", 943, [3], val=INF),
        _case("constant_.2x1x2.-inf", "constant_", 944, [2, 1, 2], val=-INF),
        _case("constant_.5.nan", "constant_", 945, [5], val=NAN),
        _case("constant_.2x2x2.huge", "constant_", 946, [2, 2, 2], val=3.0e38),
        _case("constant_.3.tiny", "constant_", 947, [3], val=1e-45),
        _case("zeros_.2x3x4", "zeros_", 948, [2, 3, 4]),
        _case("zeros_.1", "zeros_", 949, [1]),
        _case("ones_.5", "ones_", 950, [5]),
        _case("ones_.1x1x1", "ones_", 951, [1, 1, 1]),
        # 3.2: Xavier on 2-D to 5-D weights, gains 0, 0.5, 1, sqrt(2), 5/3, 2.
        _case("xavier_uniform_.1x1", "xavier_uniform_", 960, [1, 1], gain=1.0),
        _case("xavier_uniform_.2x3x4", "xavier_uniform_", 961, [2, 3, 4], gain=1.0),
        _case("xavier_uniform_.4x3x2x2.relu", "xavier_uniform_", 962, [4, 3, 2, 2], gain=relu),
        _case("xavier_uniform_.3x2x2x2x2.half", "xavier_uniform_", 963, [3, 2, 2, 2, 2], gain=0.5),
        _case("xavier_uniform_.7x3x5.tanh", "xavier_uniform_", 964, [7, 3, 5], gain=5.0 / 3),
        _case("xavier_uniform_.2x3.gain0", "xavier_uniform_", 965, [2, 3], gain=0.0),
        _case("xavier_normal_.2x3x4", "xavier_normal_", 970, [2, 3, 4], gain=1.0),
        _case("xavier_normal_.4x3x2x2.gain2", "xavier_normal_", 971, [4, 3, 2, 2], gain=2.0),
        _case("xavier_normal_.3x1x1.half", "xavier_normal_", 972, [3, 1, 1], gain=0.5),
        _case("xavier_normal_.2x2x2x2x2", "xavier_normal_", 973, [2, 2, 2, 2, 2], gain=1.0),
        _case("xavier_normal_.5x3.gain0", "xavier_normal_", 974, [5, 3], gain=0.0),
        # 3.3: Kaiming on 2-D to 5-D weights, both modes (in any case), relu and leaky_relu with
        # several slopes (negative ones too), and the other nonlinearities calculateGain knows.
        _case("kaiming_uniform_.4x3x5", "kaiming_uniform_", 980, [4, 3, 5],
              a=0.0, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.4x3x5.fan_out.relu", "kaiming_uniform_", 981, [4, 3, 5],
              a=0.0, mode="fan_out", nonlinearity="relu"),
        _case("kaiming_uniform_.6x2x3x3.fan_out.0.2", "kaiming_uniform_", 982, [6, 2, 3, 3],
              a=0.2, mode="fan_out", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.2x6x1x3.relu", "kaiming_uniform_", 983, [2, 6, 1, 3],
              a=0.0, mode="fan_in", nonlinearity="relu"),
        _case("kaiming_uniform_.1x1.linear", "kaiming_uniform_", 984, [1, 1],
              a=s5, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.17x3.fan_out.1", "kaiming_uniform_", 985, [17, 3],
              a=1.0, mode="fan_out", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.3x17.-0.5", "kaiming_uniform_", 986, [3, 17],
              a=-0.5, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.2x3x2x2x2", "kaiming_uniform_", 987, [2, 3, 2, 2, 2],
              a=0.0, mode="fan_in", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.5x4x2.FAN_OUT.0.1", "kaiming_uniform_", 988, [5, 4, 2],
              a=0.1, mode="FAN_OUT", nonlinearity="leaky_relu"),
        _case("kaiming_uniform_.3x4x2.Fan_In.relu", "kaiming_uniform_", 989, [3, 4, 2],
              a=0.0, mode="Fan_In", nonlinearity="relu"),
        _case("kaiming_uniform_.4x4x3.tanh", "kaiming_uniform_", 990, [4, 4, 3],
              a=0.0, mode="fan_in", nonlinearity="tanh"),
        _case("kaiming_uniform_.3x2x3x3.conv2d", "kaiming_uniform_", 991, [3, 2, 3, 3],
              a=0.0, mode="fan_out", nonlinearity="conv2d"),
        _case("kaiming_uniform_.6x5.selu", "kaiming_uniform_", 992, [6, 5],
              a=0.0, mode="fan_in", nonlinearity="selu"),
        _case("kaiming_uniform_.5x6.sigmoid.a_ignored", "kaiming_uniform_", 993, [5, 6],
              a=3.0, mode="fan_in", nonlinearity="sigmoid"),
        # relu's gain is sqrt(2) whatever a is: a is leaky_relu's slope only
        _case("kaiming_uniform_.4x6.relu.a_ignored", "kaiming_uniform_", 994, [4, 6],
              a=0.5, mode="fan_in", nonlinearity="relu"),
    ]


def run_init_case(case):
    tensor = nn.Parameter(torch.full(case["shape"], INITIAL))
    torch.manual_seed(case["seed"])
    result = getattr(nn.init, case["fn"])(tensor, **case["args"])
    assert result is tensor, case["name"]
    return tensor.detach().clone()


def _error(call):
    try:
        call()
    except ValueError as e:
        return str(e)
    raise AssertionError("no error")


def fans():
    shapes = [[1, 1], [2, 3], [7, 1], [0, 4], [2, 3, 4], [5, 1, 7], [3, 4, 0], [3, 2, 1, 5], [1, 1, 1, 1],
              [2, 3, 2, 2, 2], [4, 1, 3, 1, 2]]
    rows = []
    for shape in shapes:
        fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
        rows.append({"shape": shape, "fan_in": fan_in, "fan_out": fan_out})
    errors = [{"shape": shape, "message": _error(lambda: nn.init._calculate_fan_in_and_fan_out(torch.empty(shape)))}
              for shape in ([], [1], [5], [0])]
    return rows, errors


# "1 for the LINEAR_FUNCTIONS and sigmoid, 5.0 / 3 for tanh, sqrt(2.0) for relu, sqrt(2.0 / (1 + slope²))
# for leaky_relu with negative slope param, 3.0 / 4 for selu (param is used by leaky_relu only)";
# "@throws IllegalArgumentException for any other name, in PyTorch's words". Names are case-sensitive.
GAIN_NAMES = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
              "sigmoid", "tanh", "relu", "leaky_relu", "selu"]


def gains():
    calls = [(name, None) for name in GAIN_NAMES]
    calls += [("leaky_relu", p) for p in (0.0, 0.01, 0.2, 1.0, -0.5, 5.0, 100.0, 1e-8)]
    calls += [("relu", 0.3), ("tanh", 2.0), ("sigmoid", 0.5), ("linear", 7.0), ("selu", 0.1), ("conv2d", -1.0),
              ("conv_transpose3d", 0.0)]
    rows = []
    for name, param in calls:
        gain = nn.init.calculate_gain(name) if param is None else nn.init.calculate_gain(name, param)
        rows.append({"nonlinearity": name, "param": param, "gain": float(gain)})
    errors = [{"nonlinearity": name, "message": _error(lambda: nn.init.calculate_gain(name))}
              for name in ("ReLU", "Tanh", "gelu", "leaky-relu", "relu ", "")]
    return rows, errors


def kaiming_mode_errors():
    # "@throws IllegalArgumentException for a mode other than fan_in/fan_out, in PyTorch's words"; PyTorch
    # lowers the mode before it checks it, so its message names the lowered mode.
    calls = [([8, 4], "fan_avg"), ([3, 4, 5], "FAN_AVG"), ([3, 4], "fanin"), ([2, 3, 2, 2], "fan-out"),
             ([4, 4], ""), ([4, 4], "fan_in ")]
    return [{"shape": shape, "mode": mode,
             "message": _error(lambda: nn.init.kaiming_uniform_(torch.empty(shape), mode=mode))}
            for shape, mode in calls]


# ---------------------------------------------------------------------------------------------
# 5.3 SGD.step: "for each parameter p whose grad() is not null, p.data -= lr * p.grad ... A parameter
# without a gradient is left as it is." lr = 0 leaves everything; several parameters of every rank;
# repeated steps on the same optimizer. Java's SGD takes lr as a float (PyTorch's is a Python float): the
# learning rates here are exact in float32, so both sides multiply by the same number.
# ---------------------------------------------------------------------------------------------

def sgd_cases(tensors):
    g = _gen(SEED + 3)
    cases = [
        ("lr0", 0.0, [([3], True), ([2, 2], True)], 1),
        ("no_grad", 0.5, [([4], True), ([2, 3], False), ([1], True)], 2),
        ("several", 0.125, [([1], True), ([5], True), ([2, 3], True), ([2, 2, 2], True), ([], True)], 3),
        ("zero_and_negative_grads", 2.0, [([3, 1], True), ([6], True)], 1),
    ]
    meta = []
    for name, lr, params, steps in cases:
        ps, grads = [], []
        for i, (shape, has_grad) in enumerate(params):
            p = nn.Parameter(_dyadic(g, shape, 64, 16))
            tensors[f"data.sgd.{name}.p{i}"] = p.detach().clone()
            if has_grad:
                grad = _dyadic(g, shape, 32, 32)
                if name == "zero_and_negative_grads":
                    grad = -grad.abs() * (torch.arange(grad.numel()).reshape(grad.shape) % 3 != 0)
                p.grad = grad
                tensors[f"data.sgd.{name}.g{i}"] = grad.clone()
            ps.append(p)
            grads.append(has_grad)
        opt = torch.optim.SGD(ps, lr=lr)
        for k in range(1, steps + 1):
            opt.step()
            for i, p in enumerate(ps):
                tensors[f"data.sgd.{name}.p{i}.step{k}"] = p.detach().clone()
        meta.append({"name": name, "lr": lr, "grads": grads, "steps": steps})
    return meta


# ---------------------------------------------------------------------------------------------
# 7.1 mseLoss: "the mean over all elements of (yHat - y)^2, a scalar that autograd can differentiate",
# for any shape (both the same).
# ---------------------------------------------------------------------------------------------

def mse_cases(tensors):
    g = _gen(SEED + 4)
    cases = [
        ("1x1", torch.tensor([[0.5]]), torch.tensor([[-1.25]])),
        ("5x3", torch.randn(5, 3, generator=g), torch.randn(5, 3, generator=g)),
        ("7", torch.randn(7, generator=g), torch.randn(7, generator=g)),
        ("2x3x2", torch.randn(2, 3, 2, generator=g), torch.randn(2, 3, 2, generator=g)),
        ("equal", torch.full((4, 1), -2.0), torch.full((4, 1), -2.0)),
        ("zeros_large", torch.zeros(3, 2), torch.tensor([[1000.0, -1000.0], [0.0, 250.0], [-0.5, 4000.0]])),
    ]
    meta = []
    for name, yhat, y in cases:
        yhat = yhat.clone().requires_grad_()
        y = y.clone().requires_grad_()
        loss = nn.MSELoss()(yhat, y)
        loss.backward()
        prefix = f"data.mse.{name}"
        tensors[f"{prefix}.yhat"] = yhat.detach()
        tensors[f"{prefix}.y"] = y.detach()
        tensors[f"{prefix}.loss"] = loss.detach()
        tensors[f"{prefix}.grad.yhat"] = yhat.grad
        tensors[f"{prefix}.grad.y"] = y.grad
        meta.append({"name": name, "shape": list(yhat.shape)})
    return meta


def export(manifest, h):
    graph = helper.make_graph(
        [helper.make_node("Identity", ["X"], ["Y"])],
        "domain",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1])],
    )
    model = helper.make_model(graph, producer_name="paramlab reference-models/export_domain.py",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8

    tensors = {}
    meta = {}
    meta["relu"] = relu_cases(tensors)
    meta["linear.init"] = linear_init_cases(tensors)
    meta["linear.forward"] = linear_forward_cases(tensors)
    meta["init.initial"] = repr(INITIAL)
    cases = init_cases()
    for case in cases:
        tensors[f"data.init.{case['name']}"] = run_init_case(case)
    meta["init.cases"] = cases
    meta["fans"], meta["fans.errors"] = fans()
    meta["gains"], meta["gains.errors"] = gains()
    meta["kaiming.mode_errors"] = kaiming_mode_errors()
    meta["sgd"] = sgd_cases(tensors)
    meta["mse"] = mse_cases(tensors)

    h.add_initializers(model, tensors)
    h.add_metadata(model, meta)
    h.save(model, FILE, manifest, SEED,
           "Inputs from the whole domain the javadoc allows: ReLU on NaN, infinities, zeros, denormals and "
           "0-D to 3-D tensors; Linear's default initialization on other shapes and Linear.forward on batch 1, "
           "widths 1 to 7, zeros, negatives, large values and infinities; torch.nn.init on 1-D to 5-D tensors "
           "with zero, negative and special arguments, fans, gains and their errors; SGD steps with lr 0, "
           "missing gradients and several parameters; MSE losses of several shapes with their gradients "
           "(export_domain.py)")

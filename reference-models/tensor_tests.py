"""Vectors for tensor/'s unit tests: PyTorch's random streams and PyTorch's tensor printing.

Called by ``export.py`` (``export(manifest, save)``); writes ``models/tensor_tests.onnx``: a
trivial graph (one ``Identity`` node, ``X -> Y``) that exists only to carry named initializers
and ``metadata_props``. Read by ``GeneratorTest`` and ``TensorFormatTest`` (through
``PyTorchVectors``) in ``tensor/src/test/java/org/paramlab/tensor/``.

Naming
------
Random streams (``org.paramlab.tensor.Generator``):

``gen.default_seed`` (metadata)
    ``torch.Generator().initial_seed()``: the seed a fresh generator starts from.
``gen.case.<case>`` (metadata)
    A call sequence, calls separated by ``"; "``. The first call is ``manual_seed <int>``
    (``torch.manual_seed``) or ``generator default`` (a fresh ``torch.Generator()``, never
    seeded, passed as ``generator=``). Then any of::

        rand <n>                  torch.rand(n)
        randn <n>                 torch.randn(n)
        uniform <n> <from> <to>   torch.empty(n).uniform_(from, to)
        normal <n> <mean> <std>   torch.empty(n).normal_(mean, std)
        manual_seed <int>         torch.manual_seed(int) in the middle of a stream

    Numbers are written with Python's ``repr`` (a Java ``Float.parseFloat`` of them is the
    float that PyTorch's kernels use, and the float a Java user would write as a literal).
``gen.<case>.<k>`` (initializer, float32, shape ``[n]``)
    The output of the k-th drawing call (0-based; ``manual_seed`` calls are not counted).

Printing (``org.paramlab.tensor.TensorFormat``):

``repr.<case>`` (initializer)
    The tensor's values, float32, row-major, with its shape as the initializer's dims (no dims
    for a 0-d tensor); bool tensors are stored as 0/1.
``repr.<case>`` (metadata)
    ``repr(t)`` exactly (for an ``nn.Parameter``, without its ``"Parameter containing:\\n"``
    line).
``repr.<case>.dtype`` (metadata)
    ``FLOAT32`` or ``BOOL`` (the names of ``org.paramlab.tensor.DType``).
``repr.<case>.suffixes`` (metadata)
    The suffixes the caller passes (``requires_grad=True`` or ``grad_fn=<AddBackward0>``),
    separated by newlines; empty for none. ``size=``/``dtype=`` of empty tensors are not in it:
    the formatter adds those itself.
``repr.<case>.size`` (metadata)
    ``str(t.shape)``, e.g. ``torch.Size([8, 4])``.
"""

import math

import onnx
from onnx import TensorProto, helper, numpy_helper
import torch
from torch import nn

FILE = "tensor_tests.onnx"
DEFAULT = "default"

RAND_SIZES = [1, 3, 8, 15, 16, 17, 32, 33, 100, 1000]


def _linear_bounds(fan_in):
    """The bounds nn.Linear.reset_parameters passes to uniform_ (kaiming_uniform_ with a=sqrt(5))."""
    gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    weight_bound = math.sqrt(3.0) * (gain / math.sqrt(fan_in))
    bias_bound = 1 / math.sqrt(fan_in)
    return weight_bound, bias_bound


def generator_cases():
    """Case name -> call sequence (see the module docstring)."""
    cases = {}
    for seed in (0, 1, 42):
        for n in RAND_SIZES:
            cases[f"rand_s{seed}_n{n}"] = f"manual_seed {seed}; rand {n}"
            cases[f"randn_s{seed}_n{n}"] = f"manual_seed {seed}; randn {n}"
    cases["rand_s7_n5000"] = "manual_seed 7; rand 5000"
    cases["randn_s7_n5003"] = "manual_seed 7; randn 5003"
    cases["randn_s2024_n1"] = "manual_seed 2024; randn 1"
    # Seeds beyond 32 bits and negative seeds: only the low 32 bits reach mt19937.
    cases["rand_big_seed"] = "manual_seed 1311768467463790320; rand 8"
    cases["rand_negative_seed"] = "manual_seed -3; rand 8"
    for seed in (0, 3):
        for n in (1, 3, 8, 15, 16, 17, 33, 100):
            cases[f"uniform_s{seed}_n{n}_sym"] = f"manual_seed {seed}; uniform {n} -0.5 0.5"
            cases[f"uniform_s{seed}_n{n}_shifted"] = f"manual_seed {seed}; uniform {n} -0.3 0.7"
            cases[f"normal_s{seed}_n{n}_small"] = f"manual_seed {seed}; normal {n} 0.0 0.01"
            cases[f"normal_s{seed}_n{n}_shifted"] = f"manual_seed {seed}; normal {n} 1.5 0.3"
            cases[f"normal_s{seed}_n{n}_wide"] = f"manual_seed {seed}; normal {n} -2.0 3.0"
    cases["uniform_tiny_range"] = "manual_seed 5; uniform 20 1.0 1.0000001"
    cases["uniform_empty_range"] = "manual_seed 5; uniform 4 2.5 2.5"
    cases["uniform_large"] = "manual_seed 5; uniform 20 -1000000.0 3000000.0"
    cases["normal_zero_std"] = "manual_seed 5; normal 3 0.25 0.0; normal 17 0.25 0.0"
    # The scalar path (< 16 elements) caches the second Box-Muller value in the generator,
    # across calls: two randn(3) give the six numbers of one randn(6).
    cases["cache_split"] = "manual_seed 11; randn 3; randn 3"
    cases["cache_whole"] = "manual_seed 11; randn 6"
    cases["cache_odd_calls"] = "manual_seed 11; randn 1; randn 1; randn 1; randn 5"
    # The vector path (16+) neither reads nor clears the cache.
    cases["cache_survives_vector"] = "manual_seed 12; randn 3; randn 16; randn 1; randn 20; randn 2"
    # manual_seed clears the cache.
    cases["cache_cleared_by_seed"] = "manual_seed 13; randn 1; manual_seed 13; randn 1; randn 1"
    cases["mixed_stream"] = ("manual_seed 14; rand 5; randn 7; rand 3; randn 20; uniform 4 -1.0 1.0; "
                             "normal 2 0.0 0.01; randn 1; rand 17; normal 40 0.5 2.0; randn 15")
    # The notebook: net.apply(init_normal) on Linear(4, 8) and Linear(8, 1).
    cases["init_normal"] = "manual_seed 21; normal 32 0.0 0.01; normal 8 0.0 0.01"
    # The notebook: nn.Linear(4, 8) then nn.Linear(8, 1), default init (weight, then bias).
    w1, b1 = _linear_bounds(4)
    w2, b2 = _linear_bounds(8)
    cases["linear_default_init"] = (f"manual_seed 1; uniform 32 {-w1!r} {w1!r}; uniform 8 {-b1!r} {b1!r}; "
                                    f"uniform 8 {-w2!r} {w2!r}; uniform 1 {-b2!r} {b2!r}")
    # torch.Generator() starts from default_rng_seed_val (torch's global generator does not:
    # PyTorch seeds that one nondeterministically).
    cases["default_generator"] = "generator default; rand 8; randn 3; randn 20; uniform 4 -0.5 0.5"
    return cases


def run_case(spec):
    """Runs a call sequence in PyTorch; returns the outputs of its drawing calls."""
    calls = [c.split() for c in spec.split("; ")]
    head = calls[0]
    if head == ["generator", DEFAULT]:
        generator = torch.Generator()
    elif head[0] == "manual_seed":
        generator = None
        torch.manual_seed(int(head[1]))
    else:
        raise ValueError(f"a case starts with manual_seed or 'generator default', not {head}")
    outputs = []
    for op, *args in calls[1:]:
        if op == "manual_seed":
            assert generator is None, "manual_seed reseeds the global generator only"
            torch.manual_seed(int(args[0]))
            continue
        n = int(args[0])
        if op == "rand":
            t = torch.rand(n, generator=generator)
        elif op == "randn":
            t = torch.randn(n, generator=generator)
        elif op == "uniform":
            t = torch.empty(n).uniform_(float(args[1]), float(args[2]), generator=generator)
        elif op == "normal":
            t = torch.empty(n).normal_(float(args[1]), float(args[2]), generator=generator)
        else:
            raise ValueError(f"unknown op {op}")
        outputs.append(t)
    return outputs


def check_generator_facts(cases, results):
    """What the tests rely on, asserted in PyTorch itself."""
    assert torch.equal(torch.cat(results["cache_split"]), results["cache_whole"][0])
    torch.manual_seed(1)
    first, second = nn.Linear(4, 8), nn.Linear(8, 1)
    lin = results["linear_default_init"]
    assert torch.equal(first.weight.detach().reshape(-1), lin[0])
    assert torch.equal(first.bias.detach(), lin[1])
    assert torch.equal(second.weight.detach().reshape(-1), lin[2])
    assert torch.equal(second.bias.detach(), lin[3])
    assert len(cases) == len(results)


# ---------------------------------------------------------------------------------------------
# Printing cases
# ---------------------------------------------------------------------------------------------

def param_repr(p):
    text = repr(p)
    head = "Parameter containing:\n"
    assert text.startswith(head), text
    return text[len(head):]


def repr_cases():
    """Case name -> (tensor, expected repr, suffixes)."""
    cases = {}

    def plain(name, t):
        t = t.detach() if isinstance(t, torch.Tensor) else torch.tensor(t)
        cases[name] = (t, repr(t), [])

    def with_grad(name, t):
        """A tensor that requires grad or has a grad_fn: the suffix PyTorch appends."""
        if t.grad_fn is not None:
            suffix = f"grad_fn=<{type(t.grad_fn).__name__}>"
        else:
            assert t.requires_grad
            suffix = "requires_grad=True"
        text = param_repr(t) if isinstance(t, nn.Parameter) else repr(t)
        cases[name] = (t.detach(), text, [suffix])

    # The notebook's parameters (nn.Linear default init, values in (-0.5, 0.5)).
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    with_grad("notebook_weight_8x4", net[0].weight)
    plain("notebook_weight_8x4_data", net[0].weight.data)
    with_grad("notebook_bias_8", net[0].bias)  # wraps its suffix onto a second line
    plain("notebook_bias_8_data", net[0].bias.data)
    with_grad("notebook_row_1x8", net[2].weight)
    with_grad("notebook_bias_1", net[2].bias)
    plain("notebook_bias_1_scalar", net[2].bias.data[0])
    torch.manual_seed(2)
    plain("uniform_8x4", torch.rand(8, 4) - 0.5)
    plain("uniform_1x8", torch.rand(1, 8) - 0.5)
    plain("uniform_8", torch.rand(8) - 0.5)
    # init_normal: normal_(0, 0.01) is printed in scientific notation.
    torch.manual_seed(3)
    plain("normal_001_8x4", torch.empty(8, 4).normal_(0, 0.01))
    plain("normal_001_8", torch.empty(8).normal_(0, 0.01))
    w = nn.Parameter(torch.empty(1, 8).normal_(0, 0.01))
    with_grad("normal_001_param_1x8", w)
    # init_constant and the direct edits.
    plain("ones_8x4", torch.ones(8, 4))
    plain("ones_2x2", torch.ones(2, 2))
    plain("zeros_8", torch.zeros(8))
    plain("fortytwo_2", torch.tensor([42.0, 42.0]))
    plain("fortytwo_1", torch.tensor([42.0]))
    torch.manual_seed(4)
    edited = torch.rand(8, 4) - 0.5
    edited += 1
    edited[0, 0] = 42
    plain("edited_8x4", edited)
    plain("edited_row", edited[0])
    # my_init: uniform_(-10, 10) then zero where |w| < 5, which leaves negative zeros.
    torch.manual_seed(5)
    mine = torch.empty(8, 4).uniform_(-10, 10)
    mine *= mine.abs() >= 5
    plain("my_init_8x4", mine)
    plain("my_init_rows", mine[:2])
    # Scalars.
    plain("scalar_zero", torch.tensor(0.0))
    plain("scalar_negative_zero", torch.tensor(-0.0))
    plain("scalar_small", torch.tensor(-0.0063))
    plain("scalar_tiny", torch.tensor(3.2e-07))
    plain("scalar_integral", torch.tensor(7.0))
    plain("scalar_huge", torch.tensor(1.5e20))
    plain("scalar_nan", torch.tensor(float("nan")))
    plain("scalar_inf", torch.tensor(float("-inf")))
    x = torch.tensor([1.5, -2.0, 0.25], requires_grad=True)
    with_grad("scalar_grad_fn", (x * 2).sum())
    with_grad("scalar_requires_grad", torch.tensor(0.5, requires_grad=True))
    # Masks.
    torch.manual_seed(6)
    r = torch.randn(2, 3)
    plain("mask_2x3", r > 0)
    plain("mask_all_true", torch.ones(4) > 0)
    plain("mask_all_false", torch.zeros(4) > 0)
    plain("mask_scalar", torch.tensor(True))
    plain("mask_3x20x20", torch.randn(3, 20, 20) > 0)
    plain("mask_1200", torch.randn(1200) > 0)
    # Summarization (more than 1000 elements).
    torch.manual_seed(7)
    plain("big_1001", torch.rand(1001))
    plain("big_2000_normal", torch.randn(2000))
    plain("big_40x40", torch.randn(40, 40))
    plain("big_3x20x20", torch.randn(3, 20, 20))
    plain("big_10x10x11", torch.randn(10, 10, 11))
    plain("big_1x1200", torch.rand(1, 1200))
    plain("big_1200x1", torch.rand(1200, 1))
    plain("big_ones_50x50", torch.ones(50, 50))
    plain("big_sci_1100", torch.randn(1100) * 1e-5)
    plain("exactly_1000", torch.rand(1000))
    # Line wrapping without summarization.
    plain("wrap_30", torch.randn(30))
    plain("wrap_3x30", torch.randn(3, 30))
    plain("wrap_sci_20", torch.randn(20) * 0.001)
    plain("wrap_int_40", torch.arange(40, dtype=torch.float32) * 3)
    plain("rank4_2x2x2x2", torch.randn(2, 2, 2, 2))
    plain("rank3_2x1x3", torch.randn(2, 1, 3))
    # Negative zeros.
    plain("negzero_pair", torch.tensor([0.0, -0.0]))
    plain("negzero_with_fraction", torch.tensor([-0.0, 1.5, 0.0]))
    plain("negzero_with_integral", torch.tensor([-0.0, 3.0]))
    plain("negzero_with_sci", torch.tensor([-0.0, 1e-6, 2.0]))
    plain("negative_rounds_to_zero", torch.tensor([-0.00004, 0.5, 1.0]))
    # Large and small values, scientific notation rules.
    plain("large_int_ratio", torch.tensor([100000.0, 3.0]))
    plain("large_int_ok", torch.tensor([1000.0, 2.0, -7.0]))
    plain("large_int_1e8", torch.tensor([100000000.0, 2e8]))
    plain("large_int_over_1e8", torch.tensor([123456792.0, 1.0]))
    plain("large_int_1e10", torch.tensor([1e10, 1.0]))
    plain("large_fraction", torch.tensor([1.5e9, 2.5]))
    plain("ratio_just_below", torch.tensor([999.5, 1.0]))
    plain("ratio_above", torch.tensor([1000.5, 1.0]))
    plain("small_1e4", torch.tensor([1e-4, 0.5]))
    plain("small_below_1e4", torch.tensor([9.9e-5, 0.5]))
    plain("tiny_values", torch.tensor([1e-30, -3.5e-38, 1e-45]))
    plain("float_max", torch.tensor([3.4028234663852886e38, -1.0]))
    plain("huge_exponents", torch.tensor([1e38, 1e-38]))
    plain("mixed_magnitudes", torch.tensor([123.456, -0.001234, 7.0]))
    # Ties: Python rounds the exact binary value half to even.
    plain("ties_fixed", torch.tensor([0.03125, 0.28125, 1.5, -0.15625]))
    plain("ties_sci", torch.tensor([1.03125, 1e-5, -2.65625]))
    plain("near_ties", torch.tensor([1.00005, 0.00015, 2.99995]))
    # nan and inf.
    plain("nan_inf_fraction", torch.tensor([float("nan"), float("inf"), float("-inf"), 1.5]))
    plain("nan_inf_integral", torch.tensor([float("nan"), 1.0, float("-inf")]))
    plain("nan_inf_sci", torch.tensor([float("nan"), 1e-7, float("inf"), 3.0]))
    plain("nan_only", torch.tensor([float("nan")]))
    plain("inf_only", torch.tensor([float("inf"), float("-inf")]))
    plain("nan_inf_zero", torch.tensor([0.0, float("nan"), -0.0]))
    # Empty tensors.
    plain("empty_1d", torch.zeros(0))
    plain("empty_2x0", torch.zeros(2, 0))
    plain("empty_0x3x2", torch.zeros(0, 3, 2))
    plain("empty_bool", torch.zeros(0) > 0)
    plain("empty_bool_0x2", torch.zeros(0, 2) > 0)
    with_grad("empty_requires_grad", torch.zeros(0, requires_grad=True))
    # Suffixes.
    torch.manual_seed(8)
    a = torch.randn(6, requires_grad=True)
    with_grad("grad_fn_wraps", a + 1)
    with_grad("grad_fn_fits", a[:2] * 3)
    with_grad("requires_grad_fits", torch.randn(3, requires_grad=True))
    with_grad("requires_grad_2d", torch.randn(3, 2, requires_grad=True))
    with_grad("grad_fn_2d_wraps", torch.randn(2, 8, requires_grad=True) * 2)
    with_grad("grad_fn_big", torch.randn(2000, requires_grad=True) + 0)
    return cases


def export(manifest, save):
    graph = helper.make_graph(
        [helper.make_node("Identity", ["X"], ["Y"])],
        "tensor_tests",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1])],
    )
    model = helper.make_model(graph, producer_name="paramlab reference-models/tensor_tests.py",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8

    def initializer(name, tensor):
        array = tensor.detach().cpu().float().contiguous().numpy()  # keeps 0-d arrays 0-d
        model.graph.initializer.append(numpy_helper.from_array(array, name))

    def meta(key, value):
        prop = model.metadata_props.add()
        prop.key = key
        prop.value = value

    meta("gen.default_seed", str(torch.Generator().initial_seed()))
    cases = generator_cases()
    results = {}
    for name, spec in cases.items():
        results[name] = run_case(spec)
        meta(f"gen.case.{name}", spec)
        for k, t in enumerate(results[name]):
            initializer(f"gen.{name}.{k}", t)
    check_generator_facts(cases, results)

    for name, (t, text, suffixes) in repr_cases().items():
        dtype = "BOOL" if t.dtype == torch.bool else "FLOAT32"
        assert t.dtype in (torch.bool, torch.float32), (name, t.dtype)
        initializer(f"repr.{name}", t)
        meta(f"repr.{name}", text)
        meta(f"repr.{name}.dtype", dtype)
        meta(f"repr.{name}.suffixes", "\n".join(suffixes))
        meta(f"repr.{name}.size", str(t.shape))

    save(model, FILE, manifest, None,
         "Test vectors for tensor/: torch.manual_seed streams of rand/randn/uniform_/normal_ "
         "(initializers gen.<case>.<k>, call sequences in metadata gen.case.<case>) and "
         "repr(tensor) strings (initializers repr.<case>, metadata repr.<case>[.dtype|.suffixes|.size])")

#!/usr/bin/env python3
"""Compare regenerated reference models with the committed ones, and say what differs.

Run from the repository root (``scripts/check-references.sh`` regenerates every reference into a
temporary folder, then runs this)::

    python3 reference-models/compare_references.py reference-models/models /tmp/regenerated

It prints one line per file (``OK``, or each difference: what, where, by how much), then a line
with the counts, and exits with 0 only when every file matches.

What must match
---------------
For every ``.onnx`` file:

- the initializers: the same names in the same order, the same shapes and element types, and
  values within ``TOLERANCE`` (1e-6, absolute; NaN matches NaN, an infinity only itself);
- ``metadata_props``: the same keys, and each value equal as text, except that when both values
  are JSON arrays or objects (``add_metadata`` writes lists and dicts as JSON) they are compared as
  JSON, numbers within ``TOLERANCE``;
- the names of the graph's inputs and outputs, in order.

``manifest.json`` must be equal as JSON (numbers within ``TOLERANCE``) except for
``VERSION_FIELDS`` (the torch and onnx versions) and ``FILE_VERSION_FIELDS`` (each file's SHA-256:
any byte that differs changes it; the comparisons above say whether the difference matters).

Known version differences
-------------------------
Some texts that PyTorch writes, and the export keeps as they are, depend on its version.
``KNOWN_VERSION_DIFFERENCES`` lists each accepted variation, with the versions that write it; two
texts that differ only by such a variation are equal, and the report names each one it accepted.
Anything else that differs is a difference. To accept a new variation, add it there with its
reason and a test in ``test_compare_references.py``, never a blanket ignore.

Not compared: the graph's nodes and their names, ``producer_version``, ``ir_version`` (they
change with the exporter's version; the values each graph computes are what the grader checks,
through ``data.*`` initializers computed by PyTorch).

Layers
------
The comparison (``compare_folders`` and below, ``format_report``, ``check``) works on plain Python
data, so that its tests need neither torch, onnx nor numpy. A *model* is a dict::

    {"initializers": [{"name": "0.weight", "shape": [8, 4], "dtype": "FLOAT",
                       "values": [...]}],          # row-major, Python numbers
     "metadata": {"repr": "Sequential(...)", ...},
     "inputs": ["X"], "outputs": ["Y"]}

and a *folder* is ``{"manifest": <manifest.json as parsed>, "models": {file name: model}}``.
Only ``load_model`` and ``load_folder`` read ONNX files; they import onnx (and numpy) when called.
"""

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

TOLERANCE = 1e-6
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class KnownDifference:
    """A text that PyTorch writes differently depending on its version.

    ``spellings`` are the variants; a text is normalized by writing every variant as the last one.
    """
    name: str
    spellings: Tuple[str, ...]
    reason: str


KNOWN_VERSION_DIFFERENCES = (
    KnownDifference(
        name="TensorBase spelling",
        spellings=("torch._C._TensorBase", "torch._C.TensorBase"),
        reason="PyTorch's tensor base class is torch._C._TensorBase in 1.13 and torch._C.TensorBase in "
               "2.x; error texts that name a tensor method show it (lazy_linear.onnx, "
               "error.uninitialized_use: \"... in <method 'add' of 'torch._C._TensorBase' objects>\")",
    ),
)

# manifest.json fields that depend on the versions that wrote the files: the top-level torch and
# onnx versions, and in each entry of "files" the file's SHA-256.
VERSION_FIELDS = ("torch", "onnx")
FILE_VERSION_FIELDS = ("sha256",)


@dataclass(frozen=True)
class Difference:
    """One thing that differs. ``largest`` and ``where`` are set for initializer values and numbers."""
    subject: str            # "initializer 0.weight", "metadata repr", "inputs", "manifest files...seed"
    what: str               # "values", "shape", "dtype", "missing", "extra", "renamed", "order", "text", ...
    detail: str             # a sentence a person can read
    largest: Optional[float] = None
    where: Optional[Tuple[int, ...]] = None

    def __str__(self):
        return f"{self.subject}: {self.detail}"


@dataclass
class FileReport:
    """Everything found for one file: its differences, the known version differences it accepted
    (``accepted``) and the version fields that differed (``ignored``, the manifest's only)."""
    name: str
    differences: List[Difference] = field(default_factory=list)
    accepted: List[str] = field(default_factory=list)
    ignored: List[str] = field(default_factory=list)

    @property
    def ok(self):
        """Whether the file matches."""
        return not self.differences


# ---------------------------------------------------------------------------------------------
# Texts and JSON values
# ---------------------------------------------------------------------------------------------

def normalize_text(text):
    """The text with every known version variation written one way, and the names of those it met."""
    met = []
    for known in KNOWN_VERSION_DIFFERENCES:
        canonical = known.spellings[-1]
        for spelling in known.spellings[:-1]:
            if spelling in text:
                text = text.replace(spelling, canonical)
                if known.name not in met:
                    met.append(known.name)
    return text, met


def _excerpt(text, start, width=40):
    """``width`` characters of ``text`` from ``start``, quoted, with ``...`` where it was cut."""
    begin = max(0, start - 10)
    piece = text[begin:begin + width]
    return ("..." if begin > 0 else "") + repr(piece) + ("..." if begin + width < len(text) else "")


def compare_text(subject, committed, regenerated, report):
    """Two texts: equal, equal up to known version differences (accepted), or a difference."""
    if committed == regenerated:
        return
    normal_committed, met_committed = normalize_text(committed)
    normal_regenerated, met_regenerated = normalize_text(regenerated)
    if normal_committed == normal_regenerated:
        for name in dict.fromkeys(met_committed + met_regenerated):
            report.accepted.append(f"{subject}: {name}")
        return
    at = next((i for i, (a, b) in enumerate(zip(committed, regenerated)) if a != b),
              min(len(committed), len(regenerated)))
    report.differences.append(Difference(
        subject, "text",
        f"text differs from character {at} (lengths {len(committed)} and {len(regenerated)}): "
        f"committed {_excerpt(committed, at)}, regenerated {_excerpt(regenerated, at)}"))


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _kind(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if _is_number(value):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(value, limit=120):
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _key_path(path, key):
    """``path`` extended by a list index (``[2]``) or an object key (``.std``, ``["0.weight"]``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.replace("_", "").isalnum():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def number_difference(a, b):
    """|a - b| for two numbers; 0 when both are NaN, infinite when only one is NaN or infinite."""
    if a == b:
        return 0.0
    a, b = float(a), float(b)
    if math.isnan(a) and math.isnan(b):
        return 0.0
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or math.isinf(b):
        return math.inf
    return abs(a - b)


def compare_json(subject, path, committed, regenerated, tolerance, report):
    """Two parsed JSON values, recursively: numbers within ``tolerance``, texts as ``compare_text``.

    ``path`` is where the values are inside ``subject`` (``""``, ``[2].std``); differences are
    recorded in ``report`` under ``subject + path`` (``metadata stats[2].std``).
    """
    where = subject + path
    if _is_number(committed) and _is_number(regenerated):
        difference = number_difference(committed, regenerated)
        if difference > tolerance:
            report.differences.append(Difference(
                where, "number", f"committed {committed!r}, regenerated {regenerated!r} "
                                 f"(|difference| {difference:.3g})", largest=difference))
        return
    if type(committed) is not type(regenerated):
        report.differences.append(Difference(
            where, "type", f"committed {_kind(committed)} {_short(committed)}, "
                           f"regenerated {_kind(regenerated)} {_short(regenerated)}"))
        return
    if isinstance(committed, str):
        compare_text(where, committed, regenerated, report)
    elif isinstance(committed, list):
        if len(committed) != len(regenerated):
            report.differences.append(Difference(
                where, "length", f"{len(committed)} items committed, {len(regenerated)} regenerated: "
                                 f"committed {_short(committed)}, regenerated {_short(regenerated)}"))
            return
        for i, (a, b) in enumerate(zip(committed, regenerated)):
            compare_json(subject, _key_path(path, i), a, b, tolerance, report)
    elif isinstance(committed, dict):
        for key in committed:
            if key not in regenerated:
                report.differences.append(Difference(
                    subject + _key_path(path, key), "missing",
                    f"committed {_short(committed[key])}, not regenerated"))
        for key in regenerated:
            if key not in committed:
                report.differences.append(Difference(
                    subject + _key_path(path, key), "extra",
                    f"regenerated {_short(regenerated[key])}, not committed"))
        for key in committed:
            if key in regenerated:
                compare_json(subject, _key_path(path, key), committed[key], regenerated[key],
                             tolerance, report)
    elif committed != regenerated:
        report.differences.append(Difference(
            where, "value", f"committed {_short(committed)}, regenerated {_short(regenerated)}"))


def _json_container(text):
    """The parsed value if ``text`` is a JSON array or object, else None."""
    if not text.lstrip().startswith(("[", "{")):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, (list, dict)) else None


# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------

def _unravel(flat, shape):
    """The row-major index of element ``flat`` in a tensor of ``shape``."""
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return tuple(reversed(index))


def compare_values(subject, shape, committed, regenerated, tolerance):
    """Two initializers' values (flat, row-major, the same shape): None, or the Difference."""
    if len(committed) != len(regenerated):
        return Difference(subject, "values", f"{len(committed)} values committed, {len(regenerated)} regenerated")
    count, largest, at = 0, -1.0, 0
    for i, (a, b) in enumerate(zip(committed, regenerated)):
        difference = number_difference(a, b)
        if difference > tolerance:
            count += 1
            if difference > largest:
                largest, at = difference, i
    if count == 0:
        return None
    where = _unravel(at, shape)
    return Difference(
        subject, "values",
        f"{count} of {len(committed)} values differ by more than {tolerance:g}; largest |difference| "
        f"{largest:.3g} at {list(where)} (committed {float(committed[at]):.9g}, "
        f"regenerated {float(regenerated[at]):.9g})",
        largest=largest, where=where)


def compare_initializers(committed, regenerated, tolerance, report):
    """Names (and their order), shapes, element types and values of two initializer lists."""
    old = {t["name"]: t for t in committed}
    new = {t["name"]: t for t in regenerated}
    missing = [t["name"] for t in committed if t["name"] not in new]
    extra = [t["name"] for t in regenerated if t["name"] not in old]
    # A missing name whose position holds an extra name of the same shape was renamed.
    renamed = {}
    for i, tensor in enumerate(committed):
        if tensor["name"] in missing and i < len(regenerated):
            other = regenerated[i]
            if other["name"] in extra and other["name"] not in renamed.values() \
                    and list(other["shape"]) == list(tensor["shape"]):
                renamed[tensor["name"]] = other["name"]
    for name in missing:
        position = [t["name"] for t in committed].index(name)
        if name in renamed:
            report.differences.append(Difference(
                f"initializer {name}", "renamed",
                f"renamed to {renamed[name]} (position {position}, shape {list(old[name]['shape'])})"))
        else:
            report.differences.append(Difference(
                f"initializer {name}", "missing",
                f"committed (position {position}, shape {list(old[name]['shape'])}), not regenerated"))
    for name in extra:
        if name not in renamed.values():
            position = [t["name"] for t in regenerated].index(name)
            report.differences.append(Difference(
                f"initializer {name}", "extra",
                f"regenerated (position {position}, shape {list(new[name]['shape'])}), not committed"))
    shared_old = [t["name"] for t in committed if t["name"] in new]
    shared_new = [t["name"] for t in regenerated if t["name"] in old]
    if shared_old != shared_new:
        at = next(i for i, (a, b) in enumerate(zip(shared_old, shared_new)) if a != b)
        report.differences.append(Difference(
            "initializers", "order",
            f"another order: from the {at + 1}. name present in both, committed "
            f"{_short(shared_old[at:at + 4])}, regenerated {_short(shared_new[at:at + 4])}"))
    for name in shared_old:
        a, b = old[name], new[name]
        subject = f"initializer {name}"
        if list(a["shape"]) != list(b["shape"]):
            report.differences.append(Difference(
                subject, "shape", f"shape {list(a['shape'])} committed, {list(b['shape'])} regenerated"))
            continue
        if a.get("dtype") != b.get("dtype"):
            report.differences.append(Difference(
                subject, "dtype", f"element type {a.get('dtype')} committed, {b.get('dtype')} regenerated"))
            continue
        difference = compare_values(subject, list(a["shape"]), a["values"], b["values"], tolerance)
        if difference is not None:
            report.differences.append(difference)


def compare_metadata(committed, regenerated, tolerance, report):
    """``metadata_props``: the same keys; values as texts, or as JSON when both are arrays/objects."""
    for key in committed:
        if key not in regenerated:
            report.differences.append(Difference(
                f"metadata {key}", "missing", f"committed {_short(committed[key])}, not regenerated"))
    for key in regenerated:
        if key not in committed:
            report.differences.append(Difference(
                f"metadata {key}", "extra", f"regenerated {_short(regenerated[key])}, not committed"))
    for key in committed:
        if key not in regenerated:
            continue
        a, b = committed[key], regenerated[key]
        parsed_a, parsed_b = _json_container(a), _json_container(b)
        if parsed_a is not None and parsed_b is not None:
            compare_json(f"metadata {key}", "", parsed_a, parsed_b, tolerance, report)
        else:
            compare_text(f"metadata {key}", a, b, report)


def compare_model(name, committed, regenerated, tolerance=TOLERANCE):
    """One .onnx file, as plain data (see the module docstring): its FileReport."""
    report = FileReport(name)
    compare_initializers(committed["initializers"], regenerated["initializers"], tolerance, report)
    compare_metadata(committed["metadata"], regenerated["metadata"], tolerance, report)
    for side in ("inputs", "outputs"):
        if list(committed[side]) != list(regenerated[side]):
            report.differences.append(Difference(
                f"graph {side}", "names",
                f"committed {_short(list(committed[side]))}, regenerated {_short(list(regenerated[side]))}"))
    return report


# ---------------------------------------------------------------------------------------------
# The manifest and whole folders
# ---------------------------------------------------------------------------------------------

def compare_manifest(committed, regenerated, tolerance=TOLERANCE):
    """manifest.json as parsed: equal up to VERSION_FIELDS and FILE_VERSION_FIELDS (each one that
    differs is noted in the report's ``ignored``)."""
    report = FileReport(MANIFEST)
    if committed is None or regenerated is None:
        side = "committed" if committed is None else "regenerated"
        report.differences.append(Difference("file", "missing", f"no {MANIFEST} in the {side} folder"))
        return report
    committed, regenerated = dict(committed), dict(regenerated)
    for key in VERSION_FIELDS:
        a, b = committed.pop(key, None), regenerated.pop(key, None)
        if a != b:
            report.ignored.append(f"{key}: {a} committed, {b} regenerated")
    files_a = {k: dict(v) for k, v in committed.pop("files", {}).items()}
    files_b = {k: dict(v) for k, v in regenerated.pop("files", {}).items()}
    for key in FILE_VERSION_FIELDS:
        differing = []
        for name in files_a:
            if name in files_b and files_a[name].pop(key, None) != files_b[name].pop(key, None):
                differing.append(name)
        if differing:
            report.ignored.append(f"{key} of {len(differing)} file{'s' if len(differing) != 1 else ''} "
                                  f"(the comparisons of the files decide)")
    committed["files"], regenerated["files"] = files_a, files_b
    compare_json("manifest", "", committed, regenerated, tolerance, report)
    return report


def compare_folders(committed, regenerated, tolerance=TOLERANCE):
    """Two folders (plain data): a FileReport per .onnx file (by name), then one for the manifest."""
    reports = []
    names = sorted(set(committed["models"]) | set(regenerated["models"]))
    for name in names:
        if name not in regenerated["models"]:
            reports.append(FileReport(name, [Difference("file", "missing", "committed, not regenerated")]))
        elif name not in committed["models"]:
            reports.append(FileReport(name, [Difference("file", "extra", "regenerated, not committed")]))
        else:
            reports.append(compare_model(name, committed["models"][name], regenerated["models"][name], tolerance))
    reports.append(compare_manifest(committed.get("manifest"), regenerated.get("manifest"), tolerance))
    return reports


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(reports):
    """The closing line: files that match and differ, differences, accepted and ignored version differences."""
    bad = [r for r in reports if not r.ok]
    differences = sum(len(r.differences) for r in reports)
    accepted = sum(len(r.accepted) for r in reports)
    ignored = sum(len(r.ignored) for r in reports)
    head = (f"all {len(reports)} files match" if not bad else
            f"{len(reports) - len(bad)} of {len(reports)} files match, {len(bad)} differ "
            f"({_plural(differences, 'difference')})")
    return (f"{'OK' if not bad else 'DIFFERENT'}: {head}; {_plural(accepted, 'known version difference')} "
            f"accepted, {_plural(ignored, 'version field')} ignored")


def format_report(reports):
    """The report as text: per file ``OK`` or each difference, what was accepted or ignored, and the
    summary line."""
    lines = []
    for report in reports:
        if report.ok:
            lines.append(f"{report.name}: OK")
        else:
            lines.append(f"{report.name}: {_plural(len(report.differences), 'difference')}")
            lines.extend(f"  {d}" for d in report.differences)
        lines.extend(f"  accepted (known version difference): {a}" for a in report.accepted)
        lines.extend(f"  ignored (version field): {i}" for i in report.ignored)
    lines.append(summary_line(reports))
    return "\n".join(lines)


def check(committed, regenerated, tolerance=TOLERANCE):
    """Compare two folders (plain data): the report's text and the exit status (0: all match)."""
    reports = compare_folders(committed, regenerated, tolerance)
    return format_report(reports), 0 if all(r.ok for r in reports) else 1


# ---------------------------------------------------------------------------------------------
# Reading ONNX files (the only part that needs onnx and numpy)
# ---------------------------------------------------------------------------------------------

def load_model(path):
    """An .onnx file as plain data (see the module docstring)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(path)
    graph = model.graph
    return {
        "initializers": [{"name": t.name, "shape": list(t.dims),
                          "dtype": onnx.TensorProto.DataType.Name(t.data_type),
                          "values": numpy_helper.to_array(t).reshape(-1).tolist()}
                         for t in graph.initializer],
        "metadata": {p.key: p.value for p in model.metadata_props},
        "inputs": [i.name for i in graph.input],
        "outputs": [o.name for o in graph.output],
    }


def load_folder(path):
    """Every .onnx file of a folder and its manifest.json (None if absent) as plain data."""
    manifest = None
    if os.path.exists(os.path.join(path, MANIFEST)):
        with open(os.path.join(path, MANIFEST), encoding="utf-8") as f:
            manifest = json.load(f)
    models = {name: load_model(os.path.join(path, name))
              for name in sorted(os.listdir(path)) if name.endswith(".onnx")}
    return {"manifest": manifest, "models": models}


def main(argv=None):
    """Command line: compare COMMITTED with REGENERATED, print the report, exit 0 only on a match."""
    parser = argparse.ArgumentParser(
        description="Compare regenerated ParamLab reference models with the committed ones.")
    parser.add_argument("committed", help="the committed models, e.g. reference-models/models")
    parser.add_argument("regenerated", help="the folder export.py --out wrote")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"largest accepted |difference| of a number (default {TOLERANCE:g})")
    args = parser.parse_args(argv)
    for folder in (args.committed, args.regenerated):
        if not os.path.isdir(folder):
            parser.error(f"{folder} is not a folder")
    text, status = check(load_folder(args.committed), load_folder(args.regenerated), args.tolerance)
    print(f"committed:   {args.committed}\nregenerated: {args.regenerated}\n"
          f"tolerance:   {args.tolerance:g} (absolute)")
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Tests of compare_references' comparison, on plain Python data: no torch, onnx or numpy needed.

Run from the repository root (CI runs it, with the plain python3)::

    python3 -m unittest discover -s reference-models -p 'test_*.py'
"""

import copy
import json
import math
import unittest

import compare_references as cr

ERROR = ("Attempted to use an uninitialized parameter in <method 'add' of 'torch._C._TensorBase' objects>. "
         "This error happens when you are using a `LazyModule`")


def model():
    """A small model as load_model returns it: two weights, a data tensor, texts and JSON metadata."""
    return {
        "initializers": [
            {"name": "0.weight", "shape": [2, 3], "dtype": "FLOAT", "values": [0.5, -0.25, 0.125, 1.0, 2.0, -3.0]},
            {"name": "0.bias", "shape": [2], "dtype": "FLOAT", "values": [0.1, 0.2]},
            {"name": "data.X", "shape": [], "dtype": "FLOAT", "values": [float("nan")]},
        ],
        "metadata": {
            "repr": "Linear(in_features=3, out_features=2, bias=True)",
            "named_parameters": json.dumps(["0.weight", "0.bias"]),
            "stats": json.dumps([{"name": "normal_", "std": 0.0100123, "shape": [256, 512]}]),
            "error.uninitialized_use": ERROR,
            "sgd.lr": "0.1",
        },
        "inputs": ["X"],
        "outputs": ["Y"],
    }


def manifest():
    """A manifest.json (as parsed) for the one model."""
    return {
        "generated_by": "reference-models/export.py", "torch": "1.13.0a0", "onnx": "1.12.0", "opset": 13,
        "files": {"net.onnx": {"sha256": "a" * 64, "seed": 1, "description": "nn.Linear(3, 2)",
                               "inputs": {"X": ["batch", 3]}, "outputs": {"Y": ["batch", 2]},
                               "initializers": {"0.weight": [2, 3], "0.bias": [2], "data.X": []}}},
    }


def folder(m=None, man=None):
    return {"manifest": manifest() if man is None else man, "models": {"net.onnx": model() if m is None else m}}


def differences(regenerated, committed=None):
    """The Differences compare_model reports for net.onnx, as (subject, what) pairs, and the report."""
    report = cr.compare_model("net.onnx", committed or model(), regenerated)
    return [(d.subject, d.what) for d in report.differences], report


class IdenticalTest(unittest.TestCase):

    def test_identical_folders_match(self):
        text, status = cr.check(folder(), folder())
        self.assertEqual(status, 0)
        self.assertEqual(text.splitlines(), [
            "net.onnx: OK",
            "manifest.json: OK",
            "OK: all 2 files match; 0 known version differences accepted, 0 version fields ignored",
        ])

    def test_nan_matches_nan_and_differences_within_the_tolerance_are_accepted(self):
        m = model()
        m["initializers"][0]["values"][4] += 9e-7
        found, report = differences(m)
        self.assertEqual(found, [])
        self.assertTrue(report.ok)


class InitializerTest(unittest.TestCase):

    def test_a_value_off_by_1e_5_is_reported_with_the_largest_difference_and_where(self):
        m = model()
        m["initializers"][0]["values"][4] += 1e-5   # [1, 1]
        m["initializers"][0]["values"][0] += 3e-6   # [0, 0], also over the tolerance but smaller
        found, report = differences(m)
        self.assertEqual(found, [("initializer 0.weight", "values")])
        difference = report.differences[0]
        self.assertAlmostEqual(difference.largest, 1e-5, delta=1e-12)
        self.assertEqual(difference.where, (1, 1))
        self.assertEqual(str(difference),
                         "initializer 0.weight: 2 of 6 values differ by more than 1e-06; largest |difference| "
                         "1e-05 at [1, 1] (committed 2, regenerated 2.00001)")

    def test_nan_against_a_number_is_an_infinite_difference(self):
        m = model()
        m["initializers"][2]["values"] = [0.0]
        found, report = differences(m)
        self.assertEqual(found, [("initializer data.X", "values")])
        self.assertEqual(report.differences[0].largest, math.inf)
        self.assertEqual(report.differences[0].where, ())

    def test_a_renamed_initializer(self):
        m = model()
        m["initializers"][1]["name"] = "0.b"
        found, report = differences(m)
        self.assertEqual(found, [("initializer 0.bias", "renamed")])
        self.assertEqual(str(report.differences[0]), "initializer 0.bias: renamed to 0.b (position 1, shape [2])")

    def test_a_missing_initializer(self):
        m = model()
        del m["initializers"][2]
        found, report = differences(m)
        self.assertEqual(found, [("initializer data.X", "missing")])
        self.assertEqual(str(report.differences[0]),
                         "initializer data.X: committed (position 2, shape []), not regenerated")

    def test_an_extra_initializer(self):
        m = model()
        m["initializers"].append({"name": "data.rand_weight", "shape": [1], "dtype": "FLOAT", "values": [0.0]})
        found, _ = differences(m)
        self.assertEqual(found, [("initializer data.rand_weight", "extra")])

    def test_another_order(self):
        m = model()
        m["initializers"][0], m["initializers"][1] = m["initializers"][1], m["initializers"][0]
        found, report = differences(m)
        self.assertEqual(found, [("initializers", "order")])
        self.assertIn("committed [\"0.weight\", \"0.bias\", \"data.X\"], regenerated [\"0.bias\"",
                      report.differences[0].detail)

    def test_a_shape_change(self):
        m = model()
        m["initializers"][0]["shape"] = [3, 2]
        found, report = differences(m)
        self.assertEqual(found, [("initializer 0.weight", "shape")])
        self.assertEqual(report.differences[0].detail, "shape [2, 3] committed, [3, 2] regenerated")

    def test_an_element_type_change(self):
        m = model()
        m["initializers"][1]["dtype"] = "DOUBLE"
        found, _ = differences(m)
        self.assertEqual(found, [("initializer 0.bias", "dtype")])


class MetadataTest(unittest.TestCase):

    def test_a_changed_text(self):
        m = model()
        m["metadata"]["repr"] = "Linear(in_features=3, out_features=4, bias=True)"
        found, report = differences(m)
        self.assertEqual(found, [("metadata repr", "text")])
        self.assertIn("text differs from character 35", report.differences[0].detail)

    def test_a_changed_json_list(self):
        m = model()
        m["metadata"]["named_parameters"] = json.dumps(["0.weight"])
        found, _ = differences(m)
        self.assertEqual(found, [("metadata named_parameters", "length")])

    def test_numbers_in_json_metadata_are_compared_within_the_tolerance(self):
        m = model()
        stats = json.loads(m["metadata"]["stats"])
        stats[0]["std"] += 5e-7
        m["metadata"]["stats"] = json.dumps(stats)
        self.assertEqual(differences(m)[0], [])
        stats[0]["std"] += 2e-6
        m["metadata"]["stats"] = json.dumps(stats)
        found, report = differences(m)
        self.assertEqual(found, [("metadata stats[0].std", "number")])
        self.assertAlmostEqual(report.differences[0].largest, 2.5e-6, delta=1e-12)

    def test_a_missing_and_an_extra_key(self):
        m = model()
        del m["metadata"]["sgd.lr"]
        m["metadata"]["sgd.momentum"] = "0"
        found, _ = differences(m)
        self.assertEqual(found, [("metadata sgd.lr", "missing"), ("metadata sgd.momentum", "extra")])

    def test_the_tensorbase_spelling_of_torch_2_is_accepted_and_named(self):
        m = model()
        m["metadata"]["error.uninitialized_use"] = ERROR.replace("torch._C._TensorBase", "torch._C.TensorBase")
        found, report = differences(m)
        self.assertEqual(found, [])
        self.assertEqual(report.accepted, ["metadata error.uninitialized_use: TensorBase spelling"])

    def test_the_known_spelling_does_not_hide_another_change_in_the_same_text(self):
        m = model()
        m["metadata"]["error.uninitialized_use"] = (ERROR.replace("torch._C._TensorBase", "torch._C.TensorBase")
                                                    .replace("'add'", "'sub'"))
        found, _ = differences(m)
        self.assertEqual(found, [("metadata error.uninitialized_use", "text")])

    def test_another_class_name_is_not_a_known_difference(self):
        m = model()
        m["metadata"]["error.uninitialized_use"] = ERROR.replace("torch._C._TensorBase", "torch.Tensor")
        found, _ = differences(m)
        self.assertEqual(found, [("metadata error.uninitialized_use", "text")])

    def test_graph_input_and_output_names(self):
        m = model()
        m["inputs"], m["outputs"] = ["input"], ["Y", "Z"]
        found, _ = differences(m)
        self.assertEqual(found, [("graph inputs", "names"), ("graph outputs", "names")])


class ManifestTest(unittest.TestCase):

    def test_version_fields_are_ignored_and_listed(self):
        man = manifest()
        man["torch"], man["onnx"] = "2.11.0+cu130", "1.23.0"
        man["files"]["net.onnx"]["sha256"] = "b" * 64
        report = cr.compare_manifest(manifest(), man)
        self.assertEqual(report.differences, [])
        self.assertEqual(report.ignored, ["torch: 1.13.0a0 committed, 2.11.0+cu130 regenerated",
                                          "onnx: 1.12.0 committed, 1.23.0 regenerated",
                                          "sha256 of 1 file (the comparisons of the files decide)"])

    def test_other_manifest_fields_are_compared(self):
        man = manifest()
        man["opset"] = 17
        man["files"]["net.onnx"]["initializers"]["0.bias"] = [3]
        man["files"]["net.onnx"]["description"] = "nn.Linear(3, 3)"
        report = cr.compare_manifest(manifest(), man)
        self.assertEqual([(d.subject, d.what) for d in report.differences], [
            ("manifest.opset", "number"),
            ("manifest.files[\"net.onnx\"].description", "text"),
            ("manifest.files[\"net.onnx\"].initializers[\"0.bias\"][0]", "number"),
        ])

    def test_a_missing_manifest(self):
        report = cr.compare_manifest(manifest(), None)
        self.assertEqual([(d.subject, d.what) for d in report.differences], [("file", "missing")])


class FolderTest(unittest.TestCase):

    def test_a_missing_and_an_extra_file_fail_the_check(self):
        regenerated = folder()
        regenerated["models"]["extra.onnx"] = regenerated["models"].pop("net.onnx")
        text, status = cr.check(folder(), regenerated)
        self.assertEqual(status, 1)
        self.assertEqual(text.splitlines(), [
            "extra.onnx: 1 difference",
            "  file: regenerated, not committed",
            "net.onnx: 1 difference",
            "  file: committed, not regenerated",
            "manifest.json: OK",
            "DIFFERENT: 1 of 3 files match, 2 differ (2 differences); 0 known version differences accepted, "
            "0 version fields ignored",
        ])

    def test_the_report_of_a_regeneration_on_torch_2(self):
        """What torch 2.x gives: the TensorBase spelling, versions, hashes; and here one real difference."""
        m = model()
        m["metadata"]["error.uninitialized_use"] = ERROR.replace("torch._C._TensorBase", "torch._C.TensorBase")
        m["initializers"][1]["values"][1] += 0.5
        man = copy.deepcopy(manifest())
        man["torch"] = "2.11.0"
        man["files"]["net.onnx"]["sha256"] = "c" * 64
        text, status = cr.check(folder(), folder(m, man))
        self.assertEqual(status, 1)
        self.assertEqual(text.splitlines(), [
            "net.onnx: 1 difference",
            "  initializer 0.bias: 1 of 2 values differ by more than 1e-06; largest |difference| 0.5 at [1] "
            "(committed 0.2, regenerated 0.7)",
            "  accepted (known version difference): metadata error.uninitialized_use: TensorBase spelling",
            "manifest.json: OK",
            "  ignored (version field): torch: 1.13.0a0 committed, 2.11.0 regenerated",
            "  ignored (version field): sha256 of 1 file (the comparisons of the files decide)",
            "DIFFERENT: 1 of 2 files match, 1 differ (1 difference); 1 known version difference accepted, "
            "2 version fields ignored",
        ])


class ImportTest(unittest.TestCase):

    def test_only_the_loaders_import_onnx_and_numpy(self):
        with open(cr.__file__, encoding="utf-8") as f:
            source = f.read()
        header = source.split("def load_model", 1)[0]
        for name in ("torch", "onnx", "numpy"):
            self.assertNotRegex(header, rf"(?m)^\s*(import|from) {name}\b")


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""Makes the sample's reference with PyTorch: parameter_count.onnx and its manifest entry, manifest-entry.json.

Run from the repository root with Debian 12's PyTorch (apt-get install python3-torch python3-onnx), as export.py
is run:  /usr/bin/python3 scripts/scaffold-sample/make_reference.py
It runs this folder's export_counting_parameters.py with export.py's helpers, as export.py would once the module
is in its GROUP_MODULES, and writes the file and the entry here (the other references are left alone).
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "reference-models"))
sys.path.insert(0, HERE)

import torch  # noqa: E402
import export  # noqa: E402
import export_counting_parameters  # noqa: E402

export.OUT = HERE
torch.set_num_threads(1)
manifest = {"files": {}}
export_counting_parameters.export(manifest, export)
with open(os.path.join(HERE, "manifest-entry.json"), "w") as f:
    json.dump(manifest["files"], f, indent=2, sort_keys=True)
    f.write("\n")
print(f"wrote {', '.join(manifest['files'])} and manifest-entry.json to {HERE} (torch {torch.__version__})")

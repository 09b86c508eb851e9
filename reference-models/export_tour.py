#!/usr/bin/env python3
"""Record what PyTorch prints for every code cell of the two notebooks, with a fixed seed.

``tour/`` (the notebook tour, ``mvn -q -Ptour compile exec:java@tour``) replays the cells in
Java and prints each one beside what PyTorch printed here. The notebooks in ``seeds/`` were run
unseeded, so their numbers cannot be reproduced; this run draws from ``torch.manual_seed(seed)``
before a notebook's first cell, and the Java side seeds its generator the same way, so both
sides draw the same numbers.

A cell's output is what a notebook shows: everything it prints, then the ``repr`` of its last
line when that line is an expression whose value is not ``None`` (Jupyter's display hook; Jupyter
pretty-prints long containers over several lines, ``repr`` does not).

Run by ``export.py`` with the references, or alone, from the repository root::

    /usr/bin/python3 reference-models/export_tour.py            # writes reference-models/tour/pytorch-cells.json
    /usr/bin/python3 reference-models/export_tour.py --out DIR  # writes DIR/pytorch-cells.json
"""

import argparse
import ast
import contextlib
import io
import json
import os
import platform
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "tour")
FILE = "pytorch-cells.json"

sys.path.insert(0, HERE)


def run_cell(source, namespace):
    """Execute one cell like a notebook does: its printed text plus the repr of a final expression."""
    tree = ast.parse(source, mode="exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<cell>", "exec"), namespace)
        if last is not None:
            value = eval(compile(last, "<cell>", "eval"), namespace)
            if value is not None:
                print(repr(value))
    return out.getvalue()


def record():
    """Every notebook's cells with their sources and outputs, as the JSON document ``tour/`` reads."""
    import torch
    import tour_cells
    torch.set_num_threads(1)
    # torch 1.13 warns that lazy modules are new, on stderr; the notebooks' outputs do not show it
    warnings.filterwarnings("ignore", message="Lazy modules are a new feature")
    notebooks = []
    for notebook_id, title, seed, seed_file, cells in tour_cells.NOTEBOOKS:
        torch.manual_seed(seed)
        namespace = {"__name__": "__main__"}
        recorded = []
        for label, source in cells:
            recorded.append({"label": label, "python": source, "output": run_cell(source, namespace)})
        notebooks.append({"id": notebook_id, "title": title, "seed": seed, "seedFile": seed_file,
                          "cells": recorded})
    return {
        "generated_by": "reference-models/export_tour.py",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "notebooks": notebooks,
    }


def export(out_dir=DEFAULT_OUT):
    """Write ``out_dir/pytorch-cells.json``; returns its path."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, FILE)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record(), f, indent=2, ensure_ascii=False)
        f.write("\n")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Record PyTorch's output for every notebook cell (seeded).")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder for pytorch-cells.json (default: reference-models/tour)")
    path = export(os.path.abspath(parser.parse_args(argv).out))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

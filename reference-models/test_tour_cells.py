"""The notebook tour's cells: verbatim from the seeds, and the recording made from them (stdlib only)."""

import json
import os
import re
import unittest

import tour_cells

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "..", "shared", "seeds")
RECORDING = os.path.join(HERE, "tour", "pytorch-cells.json")


def seed_cells(path):
    """The code cells of a seed notebook's text: (label, lines after the label up to the next label)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = re.split(r"^(In \[[^\]]*\]):\n", text, flags=re.M)
    return [(label, body) for label, body in zip(parts[1::2], parts[2::2])]


class TourCellsTest(unittest.TestCase):

    def test_both_notebooks_have_all_29_code_cells(self):
        self.assertEqual(29, sum(len(cells) for *_, cells in tour_cells.NOTEBOOKS))

    @unittest.skipUnless(os.path.isdir(SEEDS), "the seed notebooks are not beside the repository")
    def test_every_cell_is_verbatim_from_its_seed_notebook_in_order(self):
        for notebook_id, _, _, seed_file, cells in tour_cells.NOTEBOOKS:
            seeds = seed_cells(os.path.join(SEEDS, seed_file))
            labels = [("In [ ]" if label == "In [None]" else label) for label, _ in seeds]
            self.assertEqual(labels, [label for label, _ in cells], notebook_id)
            for (label, body), (_, source) in zip(seeds, cells):
                self.assertIn(source.strip("\n"), body, f"{notebook_id} {label}")

    def test_the_recording_was_made_from_these_cells(self):
        with open(RECORDING, encoding="utf-8") as f:
            recording = json.load(f)
        recorded = [(n["id"], n["seed"], [(c["label"], c["python"]) for c in n["cells"]])
                    for n in recording["notebooks"]]
        expected = [(notebook_id, seed, list(cells)) for notebook_id, _, seed, _, cells in tour_cells.NOTEBOOKS]
        self.assertEqual(expected, recorded,
                         "tour_cells.py changed since the recording: run /usr/bin/python3 reference-models/export_tour.py")


if __name__ == "__main__":
    unittest.main()

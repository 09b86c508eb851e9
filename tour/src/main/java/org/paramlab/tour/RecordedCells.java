package org.paramlab.tour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What PyTorch printed for every cell, recorded by {@code reference-models/export_tour.py} in
 * {@code reference-models/tour/pytorch-cells.json} from a seeded run of the notebooks.
 *
 * @param torch     the torch version that printed them
 * @param python    the Python version
 * @param notebooks the notebooks, in order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordedCells(String torch, String python, List<RecordedNotebook> notebooks) {

    /**
     * One notebook of the recording.
     *
     * @param id       {@code d2l} or {@code eager}
     * @param title    its title
     * @param seed     the {@code torch.manual_seed} drawn before its first cell
     * @param seedFile the notebook's text in {@code seeds/}
     * @param cells    its cells, in order
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordedNotebook(String id, String title, long seed, String seedFile, List<RecordedCell> cells) {
    }

    /**
     * One cell of the recording.
     *
     * @param label  {@code In [3]}
     * @param python the cell's Python, verbatim
     * @param output what the notebook showed: the printed text, then the repr of a final expression
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordedCell(String label, String python, String output) {
    }

    /**
     * Reads the recording.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not the recording's JSON
     */
    public static RecordedCells read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("PyTorch's recorded cells are not at " + file
                    + ": restore them with git checkout reference-models/tour, or record them again with"
                    + " /usr/bin/python3 reference-models/export_tour.py");
        }
        try {
            RecordedCells cells = new ObjectMapper().readValue(file.toFile(), RecordedCells.class);
            if (cells.notebooks() == null || cells.notebooks().isEmpty()) {
                throw new IllegalArgumentException(file + " holds no notebook: record it again with"
                        + " /usr/bin/python3 reference-models/export_tour.py");
            }
            return cells;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not the recording export_tour.py writes ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The notebook with this id. */
    public RecordedNotebook notebook(String id) {
        return notebooks.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the recording has no notebook \"" + id
                        + "\"; it has " + notebooks.stream().map(RecordedNotebook::id).toList()));
    }
}

package org.paramlab.grading.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.reference.ReferenceData;
import org.paramlab.grader.reference.References;

/**
 * The corpus of generated networks ({@code corpus.onnx}): a few hundred random module trees and
 * PyTorch's answer for every API of the chapter on each ({@code reference-models/export_corpus.py}).
 *
 * <p>Each graded check draws its own sample of trees from the run's seed ({@link #sample}), so that
 * {@code -Dparamlab.seed} reproduces it, and so that every run sees each kind of tree the notebook lacks
 * (the sample first takes one tree of every {@link #COVERAGE coverage tag}, then fills up at random).
 * {@code -Dparamlab.tree=N} checks tree {@code N} alone. A tree's JSON is parsed when a sample first
 * needs it.
 */
public final class Corpus {

    /** The reference file. */
    public static final String FILE = "corpus.onnx";

    /** Kinds of trees every sample holds at least one of, where the checked trees have them. */
    public static final List<String> COVERAGE = List.of("depth1", "depth2", "depth3", "depth4", "custom",
            "custom-root", "shared-module-same-parent", "shared-module-cross-parent", "shared-parameter-cross-parent",
            "named-children", "numeric-names", "nested-sequential", "empty-sequential", "lazy", "flat", "depth0", "wide",
            "multiline-extra-repr", "repeated-layer", "child-reached-first-elsewhere");

    /** One line of the corpus's index: what a tree has, without parsing it. */
    public record Entry(int id, Set<String> tags, int size, Set<String> has) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Corpus loaded;

    private final ReferenceData model;
    private final List<Entry> index;
    private final Map<Integer, CorpusTree> parsed = new ConcurrentHashMap<>();
    private List<Entry> order;

    private Corpus(ReferenceData model) {
        this.model = model;
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : read("corpus.index")) {
            Set<String> tags = new LinkedHashSet<>(CorpusTree.strings(e.get("tags")));
            Set<String> has = new LinkedHashSet<>(CorpusTree.strings(e.get("has")));
            entries.add(new Entry(e.get("id").asInt(), Set.copyOf(tags), e.get("size").asInt(), Set.copyOf(has)));
        }
        this.index = List.copyOf(entries);
    }

    /** @return the corpus, loaded once per JVM from the verified reference file */
    public static Corpus get() {
        Corpus corpus = loaded;
        if (corpus == null) {
            synchronized (Corpus.class) {
                if (loaded == null) {
                    loaded = new Corpus(References.data(FILE));
                }
                corpus = loaded;
            }
        }
        return corpus;
    }

    /** @return every tree's index line */
    public List<Entry> index() {
        return index;
    }

    /** @return tree {@code id}, parsed on first use */
    public CorpusTree tree(int id) {
        return parsed.computeIfAbsent(id, k -> new CorpusTree(read("tree." + k)));
    }

    private JsonNode read(String key) {
        try {
            return JSON.readTree(model.metadata(key));
        } catch (IOException e) {
            throw new IllegalStateException(FILE + ": metadata " + key + " is not JSON", e);
        }
    }

    /**
     * The trees a check looks at in this run: one of every {@link #COVERAGE} tag the eligible trees have,
     * then others, up to {@code count}, smallest first. Every check of a run walks the corpus in one order
     * drawn from the run's seed, so that the checks of a run share their networks (a student reads about
     * the same few networks, and the test JVM parses each once) and another seed draws other ones. Under
     * {@code -Dparamlab.tree=N}, tree {@code N} alone (none if it is not eligible).
     *
     * @param check    the check's name, for messages
     * @param count    how many trees
     * @param eligible which trees the check can use
     */
    public List<CorpusTree> sample(String check, int count, Predicate<Entry> eligible) {
        Integer only = RunSettings.current().tree();
        if (only != null) {
            return index.stream().filter(eligible).filter(e -> e.id() == only).map(e -> tree(e.id())).toList();
        }
        List<Entry> shuffled = runOrder().stream().filter(eligible).toList();
        LinkedHashSet<Entry> chosen = new LinkedHashSet<>();
        for (String tag : COVERAGE) {
            shuffled.stream().filter(e -> e.tags().contains(tag)).findFirst().ifPresent(chosen::add);
        }
        for (Entry e : shuffled) {
            if (chosen.size() >= Math.max(count, 1)) {
                break;
            }
            chosen.add(e);
        }
        return chosen.stream().sorted(Comparator.comparingInt(Entry::size).thenComparingInt(Entry::id))
                .map(e -> tree(e.id())).toList();
    }

    /** The corpus in the order this run's seed draws (a Fisher-Yates shuffle), computed once. */
    private synchronized List<Entry> runOrder() {
        if (order == null) {
            SplittableRandom random = new SplittableRandom(GradingSeed.get() * 1_000_003L + 17);
            List<Entry> shuffled = new ArrayList<>(index);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Entry t = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, t);
            }
            order = List.copyOf(shuffled);
        }
        return order;
    }

    /** Every tree. */
    public static Predicate<Entry> any() {
        return e -> true;
    }

    /** Trees that have {@code part} ({@code before}, {@code train}, {@code untied}). */
    public static Predicate<Entry> having(String part) {
        return e -> e.has().contains(part);
    }

    /** Trees with tag {@code tag}. */
    public static Predicate<Entry> tagged(String tag) {
        return e -> e.tags().contains(tag);
    }
}

package org.paramlab.grader.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ProviderRequest;

/**
 * The settings of one grading run, fixed before any student class loads: the seed the inputs are
 * drawn from, the ONNX Runtime provider (and with it the tolerance), and the exercises graded.
 *
 * <p>The test JVM gets them from the supervisor ({@link #freeze}) before it discovers a single test;
 * elsewhere (the grader's own unit tests) they are read once from the system properties on first use.
 * Either way they never change afterwards, so a {@code System.setProperty} part-way through a run
 * changes nothing: the seed printed is the seed used, and the tolerance is the provider's.
 *
 * @param seed      the seed of the run's random inputs; {@code null} when the requested one is invalid
 * @param provider  where the references run; {@code null} when the requested one is invalid, or is
 *                  {@code auto} and not decided yet (the supervisor decides it before any test runs)
 * @param selection which exercises are graded
 * @param errors    what is wrong with the requested settings (an invalid seed, provider or exercise id)
 * @param providerRequest what {@code -Dparamlab.provider} asked for ({@code cpu}, {@code cuda} or {@code auto});
 *                  {@code null} when it was invalid
 * @param tree      the one network of the corpus of generated networks that the checks on generated networks
 *                  look at ({@code -Dparamlab.tree=N}, the number a failure names), {@code null} for the
 *                  sample the seed draws
 */
public record RunSettings(Long seed, Provider provider, ExerciseSelection selection, List<String> errors,
                          ProviderRequest providerRequest, Integer tree) {

    /** The system property that restricts the checks on generated networks to one network of the corpus. */
    public static final String TREE_PROPERTY = "paramlab.tree";

    private static final long RANDOM_BOUND = 1_000_000_000L;

    private static volatile RunSettings frozen;

    /** Copies the list. */
    public RunSettings {
        Objects.requireNonNull(selection, "selection");
        errors = List.copyOf(errors);
    }

    /** Settings whose provider is already decided (the request is that provider's), over the whole sample. */
    public RunSettings(Long seed, Provider provider, ExerciseSelection selection, List<String> errors) {
        this(seed, provider, selection, errors, provider == null ? null : ProviderRequest.of(provider));
    }

    /** Settings over the whole sample of generated networks. */
    public RunSettings(Long seed, Provider provider, ExerciseSelection selection, List<String> errors,
                       ProviderRequest providerRequest) {
        this(seed, provider, selection, errors, providerRequest, null);
    }

    /**
     * Reads the settings a user asked for, with their errors.
     *
     * @param property the value of a property, {@code null} when unset (for example {@code System::getProperty})
     * @return the settings; a missing seed is drawn at random
     */
    public static RunSettings requested(Function<String, String> property) {
        List<String> errors = new ArrayList<>();
        Long seed;
        String seedText = property.apply(GradingSeed.PROPERTY);
        if (seedText == null || seedText.isBlank()) {
            seed = ThreadLocalRandom.current().nextLong(1, RANDOM_BOUND);
        } else {
            try {
                seed = GradingSeed.parse(seedText);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
                seed = null;
            }
        }
        ProviderRequest providerRequest;
        try {
            providerRequest = ProviderRequest.parse(property.apply(Provider.PROPERTY));
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            providerRequest = null;
        }
        Provider provider = providerRequest == null ? null : providerRequest.fixed();
        ExerciseSelection selection = ExerciseSelection.parse(property.apply(ExerciseSelection.PROPERTY));
        selection.error().ifPresent(errors::add);
        Integer tree = null;
        String treeText = property.apply(TREE_PROPERTY);
        if (treeText != null && !treeText.isBlank()) {
            try {
                tree = parseTree(treeText);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return new RunSettings(seed, provider, selection, errors, providerRequest, tree);
    }

    /**
     * @param value the text of {@value #TREE_PROPERTY}
     * @return the network's number
     * @throws IllegalArgumentException saying what a valid value looks like
     */
    public static int parseTree(String value) {
        try {
            int tree = Integer.parseInt(value.strip());
            if (tree >= 0) {
                return tree;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("-D" + TREE_PROPERTY + "=" + value + " is not a network of the corpus:"
                + " use the number a failure on a generated network names, such as -D" + TREE_PROPERTY + "=137");
    }

    /**
     * Fixes the settings of this JVM. The test JVM calls it once, with what the supervisor sent,
     * before any test is discovered.
     *
     * @param settings the run's settings
     * @throws IllegalStateException if the settings were already fixed or read
     */
    public static synchronized void freeze(RunSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (frozen != null) {
            throw new IllegalStateException("the run's settings are already fixed: " + frozen);
        }
        frozen = settings;
    }

    /**
     * @return this JVM's settings: those given to {@link #freeze}, else those of the system properties,
     *         read on the first call and kept
     */
    public static RunSettings current() {
        RunSettings settings = frozen;
        if (settings == null) {
            synchronized (RunSettings.class) {
                if (frozen == null) {
                    frozen = requested(System::getProperty);
                }
                settings = frozen;
            }
        }
        return settings;
    }

    /**
     * @return the seed
     * @throws IllegalArgumentException naming the invalid value when the requested seed was invalid
     */
    public long requireSeed() {
        if (seed == null) {
            throw new IllegalArgumentException(errors.isEmpty() ? "no seed" : errors.get(0));
        }
        return seed;
    }

    /**
     * @return the provider
     * @throws IllegalArgumentException naming the invalid value when the requested provider was invalid
     * @throws IllegalStateException when {@code auto} was asked for and not decided
     */
    public Provider requireProvider() {
        if (provider == null && providerRequest == ProviderRequest.AUTO) {
            throw new IllegalStateException("-D" + Provider.PROPERTY + "=auto is decided by the grader's supervisor"
                    + " before any test runs (" + MavenCommand.MVN + " test); this JVM was given no decided provider");
        }
        if (provider == null) {
            throw new IllegalArgumentException(errors.stream().filter(e -> e.contains(Provider.PROPERTY)).findFirst()
                    .orElse("no provider"));
        }
        return provider;
    }

    /**
     * @param decided the provider the supervisor decided on
     * @return these settings with it
     */
    public RunSettings withProvider(Provider decided) {
        return new RunSettings(seed, decided, selection, errors, providerRequest, tree);
    }
}

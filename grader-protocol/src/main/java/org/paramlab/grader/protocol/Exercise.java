package org.paramlab.grader.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every exercise of the chapter, in the order the reports list them.
 *
 * <p>An exercise is one piece of the student API; its graded tests carry
 * {@link Graded @Graded(exercise = ...)}. Exercises come in numbered {@link Group groups}; the id
 * of an exercise is {@code "<group>.<n>"}, and {@code mvn test -Dexercise=1.2} (or a whole group,
 * {@code -Dexercise=1}) grades only those tests.
 *
 * <p>To add exercises: add the group to {@link Group} (if new), then the constants here, in report
 * order. {@code ExerciseTest} checks that ids are unique and match their group.
 */
public enum Exercise {

    E0_1("0.1", Group.RULES, "No exit, processes, threads, reflection, grader", "Rules your code must follow"),
    E0_2("0.2", Group.RULES, "Pure Java: no files, no network, allowed classes", "Rules your code must follow"),

    E1_1("1.1", Group.MODULES, "Linear: weight and bias, default initialization", "Parameter Access"),
    E1_2("1.2", Group.MODULES, "Linear.forward", "Parameter Access"),
    E1_3("1.3", Group.MODULES, "ReLU.forward", "Parameter Access"),
    E1_4("1.4", Group.MODULES, "Sequential: children 0, 1, ..., get, forward",
            "Collecting Parameters from Nested Blocks"),
    E1_5("1.5", Group.MODULES, "Printing: Module.toString, Linear.extraRepr", "Parameter Access"),
    E1_6("1.6", Group.MODULES, "The notebook's net, block1, block2, rgnet",
            "Collecting Parameters from Nested Blocks"),

    E2_1("2.1", Group.PARAMETER_ACCESS, "Targeted access: getSubmodule, getParameter", "Targeted Parameters"),
    E2_2("2.2", Group.PARAMETER_ACCESS, "namedParameters, parameters", "All Parameters at Once"),
    E2_3("2.3", Group.PARAMETER_ACCESS, "namedChildren, children, namedModules",
            "Collecting Parameters from Nested Blocks"),
    E2_4("2.4", Group.PARAMETER_ACCESS, "stateDict", "All Parameters at Once"),
    E2_5("2.5", Group.PARAMETER_ACCESS, "loadStateDict (strict)", "All Parameters at Once"),

    E3_1("3.1", Group.INITIALIZATION, "Init: normal_, uniform_, constant_, zeros_, ones_", "Parameter Initialization"),
    E3_2("3.2", Group.INITIALIZATION, "Init: fans, xavierUniform_, xavierNormal_", "Parameter Initialization"),
    E3_3("3.3", Group.INITIALIZATION, "Init.kaimingUniform_ and Linear's default initialization",
            "Parameter Initialization"),
    E3_4("3.4", Group.INITIALIZATION, "Module.apply", "Parameter Initialization"),
    E3_5("3.5", Group.INITIALIZATION, "The notebook's initializers, my_init and direct edits",
            "Parameter Initialization"),

    E4_1("4.1", Group.LAZY_INITIALIZATION, "LazyLinear: infer in_features at the first forward",
            "Lazy Initialization"),
    E4_2("4.2", Group.LAZY_INITIALIZATION, "LazyLinear: clear errors for unseen and changed widths",
            "Lazy Initialization"),
    E4_3("4.3", Group.LAZY_INITIALIZATION, "The notebook's lazy net", "Lazy Initialization"),

    E5_1("5.1", Group.TIED_PARAMETERS, "The tied network: one layer at two places", "Tied Parameters"),
    E5_2("5.2", Group.TIED_PARAMETERS, "Gradients of a shared layer, Module.zeroGrad", "Tied Parameters"),
    E5_3("5.3", Group.TIED_PARAMETERS, "SGD steps on the tied network", "Tied Parameters"),

    E6_1("6.1", Group.CUSTOM_MODELS, "NestMLP", "Exercises"),
    E6_2("6.2", Group.CUSTOM_MODELS, "FixedHiddenMLP: a constant weight and a while loop", "Exercises"),
    E6_3("6.3", Group.CUSTOM_MODELS, "chimera and access to its parameters", "Exercises"),

    E7_1("7.1", Group.TRAINING, "Training an MLP with a shared layer, step by step", "Exercises"),
    E7_2("7.2", Group.TRAINING, "Why share parameters? (quiz)", "Exercises"),

    E8_1("8.1", Group.BUFFERS, "registerBuffer: persistent and non-persistent buffers, not parameters",
            "Buffers (beyond the notebook: torch.nn.Module.register_buffer)"),
    E8_2("8.2", Group.BUFFERS, "namedBuffers, buffers", "Buffers (beyond the notebook: torch.nn.Module.named_buffers)"),
    E8_3("8.3", Group.BUFFERS, "Buffers in the state dict: saveBuffersToStateDict, stateDict, loadStateDict",
            "Buffers (beyond the notebook: torch.nn.Module.state_dict)");

    /** A numbered group of exercises, one part of the chapter. */
    public enum Group {
        /**
         * Group 0: the rules student code must follow (checked by ArchUnit). A gate worth 0 points: a
         * broken rule is reported, and a rule that protects the grading stops the other graded tests.
         */
        RULES(0, "Rules your code must follow"),
        /** Group 1: the module API itself. */
        MODULES(1, "Modules"),
        /** Group 2: reading parameters back out of a module. */
        PARAMETER_ACCESS(2, "Parameter access"),
        /** Group 3: built-in and custom initialization, {@code apply}. */
        INITIALIZATION(3, "Initialization"),
        /** Group 4: lazy initialization. */
        LAZY_INITIALIZATION(4, "Lazy initialization"),
        /** Group 5: tied parameters. */
        TIED_PARAMETERS(5, "Tied parameters"),
        /** Group 6: the notebook's custom models. */
        CUSTOM_MODELS(6, "Custom models"),
        /** Group 7: training with a shared layer, and why to share. */
        TRAINING(7, "Training with a shared layer"),
        /** Group 8, beyond the notebook: buffers, the state a module saves but does not learn (its own assignment). */
        BUFFERS(8, "Buffers");

        private final int number;
        private final String title;

        Group(int number, String title) {
            this.number = number;
            this.title = title;
        }

        /** @return the group's number, for example {@code 2} */
        public int number() {
            return number;
        }

        /** @return the group's title, for example {@code "Parameter access"} */
        public String title() {
            return title;
        }

        /**
         * @return whether this group is a gate: its tests are worth 0 points ({@code @Graded(points = 0)})
         *         and check rules rather than exercises
         */
        public boolean gate() {
            return this == RULES;
        }

        /** @return the exercises of this group, in report order */
        public List<Exercise> exercises() {
            List<Exercise> result = new ArrayList<>();
            for (Exercise exercise : Exercise.values()) {
                if (exercise.group == this) {
                    result.add(exercise);
                }
            }
            return List.copyOf(result);
        }

        /**
         * @param number a group number such as {@code 2}
         * @return that group
         * @throws IllegalArgumentException naming the valid group numbers if there is none
         */
        public static Group byNumber(int number) {
            for (Group group : values()) {
                if (group.number == number) {
                    return group;
                }
            }
            throw new IllegalArgumentException("unknown exercise group " + number + "; valid ids: " + validIds());
        }
    }

    private final String id;
    private final Group group;
    private final String title;
    private final String section;

    Exercise(String id, Group group, String title, String section) {
        this.id = id;
        this.group = group;
        this.title = title;
        this.section = section;
    }

    /** @return the id students type, for example {@code "1.2"} */
    public String id() {
        return id;
    }

    /** @return the group this exercise belongs to */
    public Group group() {
        return group;
    }

    /** @return the number of this exercise's group, for example {@code 1} */
    public int groupNumber() {
        return group.number();
    }

    /** @return the title of this exercise's group, for example {@code "Modules"} */
    public String groupTitle() {
        return group.title();
    }

    /** @return what the exercise asks for: the student API member(s), for example {@code "ReLU.forward"} */
    public String title() {
        return title;
    }

    /** @return the notebook section that teaches this exercise, for hints, for example {@code "Parameter Access"} */
    public String section() {
        return section;
    }

    /**
     * Where feedback sends the student: {@code exercise 2.2 (namedParameters, parameters); see the
     * notebook section 'All Parameters at Once'}.
     */
    public String hint() {
        return "exercise " + id + " (" + title + "); see the notebook section '" + section + "'";
    }

    /** @return {@code "1.2 Linear: parameters and forward"} */
    @Override
    public String toString() {
        return id + " " + title;
    }

    /**
     * @param id an exercise id such as {@code "1.2"} (surrounding blanks are ignored)
     * @return that exercise, if there is one
     */
    public static Optional<Exercise> find(String id) {
        String wanted = id == null ? "" : id.strip();
        return Arrays.stream(values()).filter(e -> e.id.equals(wanted)).findFirst();
    }

    /**
     * @param id an exercise id such as {@code "1.2"}
     * @return that exercise
     * @throws IllegalArgumentException naming every valid id if there is none
     */
    public static Exercise byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown exercise '" + id + "'; valid ids: " + validIds()));
    }

    /**
     * @param groupNumber a group number such as {@code 2}
     * @return the exercises of that group, in report order
     * @throws IllegalArgumentException naming every valid id if there is no such group
     */
    public static List<Exercise> byGroup(int groupNumber) {
        return Group.byNumber(groupNumber).exercises();
    }

    /**
     * @return every valid id for {@code -Dexercise}, groups first then their exercises, for example
     *         {@code "1, 1.1, 1.2, ..., 2, 2.1, ..."}
     */
    public static String validIds() {
        return Arrays.stream(Group.values())
                .map(g -> g.number() + " (all of " + g.title() + "), "
                        + g.exercises().stream().map(Exercise::id).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(", "));
    }
}

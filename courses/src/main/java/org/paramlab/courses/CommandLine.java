package org.paramlab.courses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The options of the course tools' command lines: {@code --name value} pairs, checked against a list. */
final class CommandLine {

    private final String usage;
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param usage   the usage line, shown with every error
     * @param args    the arguments
     * @param known   every option's name (without {@code --})
     * @param flags   the options that take no value
     * @throws IllegalArgumentException naming an unknown option or a missing value
     */
    CommandLine(String usage, String[] args, Set<String> known, Set<String> flags) {
        this.usage = usage;
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name) && !flags.contains(name)) {
                throw new IllegalArgumentException("'" + args[i] + "' is not an option; " + usage);
            }
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value; " + usage);
            } else {
                values.put(name, args[++i]);
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required; " + usage);
        }
        return value;
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    Duration seconds(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + name + " " + value + " is not a positive number of seconds");
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + value + " is not a whole number");
        }
    }

    Long seed() {
        String value = values.get("seed");
        try {
            return value == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed " + value + " is not a whole number");
        }
    }

    /** @return the pristine grader named by {@code --repository} or {@code --bundle} */
    GraderHome home() {
        if (has("repository") == has("bundle")) {
            throw new IllegalArgumentException("give one of --repository (the instructor's built repository) and"
                    + " --bundle (a pristine grader folder); " + usage);
        }
        return has("repository") ? GraderHome.fromRepository(path("repository")) : GraderHome.fromBundle(path("bundle"));
    }
}

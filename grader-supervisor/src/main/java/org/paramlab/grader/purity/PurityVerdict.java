package org.paramlab.grader.purity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.MavenCommand;

/**
 * What the rules say about the student's compiled code: the violations of each rule that is broken.
 * It fails closed: a class that cannot be read, or a rule that cannot be evaluated, is a violation.
 *
 * @param studentPackage the student's package
 * @param violations     the violations of each rule that is broken, in rule order
 * @param classCount     how many class files were checked
 */
public record PurityVerdict(String studentPackage, Map<PurityRule, List<String>> violations, int classCount) {

    /** Copies the map. */
    public PurityVerdict {
        violations = Collections.unmodifiableMap(new LinkedHashMap<>(violations));
    }

    /**
     * @param studentPackage the student's package
     * @return every rule, in report order: {@value PurityRules#YOUR_FILES_ONLY} first, then
     *         {@link PurityRules#all}
     */
    public static List<PurityRule> rules(String studentPackage) {
        List<PurityRule> rules = new ArrayList<>();
        rules.add(new PurityRule(PurityRules.YOUR_FILES_ONLY, Exercise.E0_1, "only your own classes: every class"
                + " compiled from your files is in " + studentPackage + ", with no resources, no class files copied"
                + " in, and no name of a grader or library class", "anything else would run with the grader's"
                + " rights, or replace the grader's own classes", null));
        rules.addAll(PurityRules.all(studentPackage));
        return List.copyOf(rules);
    }

    /**
     * @param student        what the student's module compiled
     * @param studentPackage the student's package
     * @return the verdict of every rule
     */
    public static PurityVerdict check(StudentClasses student, String studentPackage) {
        Map<PurityRule, List<String>> violations = new LinkedHashMap<>();
        for (PurityRule rule : rules(studentPackage)) {
            List<String> found;
            if (rule.rule() == null) {
                found = student.problems();
            } else {
                try {
                    found = rule.violations(student.classes());
                } catch (RuntimeException | LinkageError e) {
                    found = List.of("the rule could not be checked (" + e + "), so it counts as broken");
                }
            }
            if (!found.isEmpty()) {
                violations.put(rule, List.copyOf(found));
            }
        }
        return new PurityVerdict(studentPackage, violations, student.classFiles());
    }

    /**
     * @param ruleId a rule's {@link PurityRule#id() id}, for example {@code "no-exit"}
     * @return its violations, empty when it holds
     */
    public List<String> violationsOf(String ruleId) {
        for (Map.Entry<PurityRule, List<String>> entry : violations.entrySet()) {
            if (entry.getKey().id().equals(ruleId)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    /** @return the explanation for the graded tests that the gate refuses to run, if it does */
    public Optional<String> refusal() {
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("not run: your code in ").append(studentPackage)
                .append(" breaks ").append(violations.size() == 1 ? "a rule" : violations.size() + " rules")
                .append(" of group 0, so no graded test of the exercises runs until ")
                .append(violations.size() == 1 ? "it holds" : "they hold")
                .append(" (see group 0, `" + MavenCommand.MVN + " test -Dexercise=0`):");
        violations.forEach((rule, list) -> {
            text.append("\n- ").append(rule.title()).append(": ").append(list.get(0));
            if (list.size() > 1) {
                text.append(" (and ").append(list.size() - 1).append(" more)");
            }
        });
        return Optional.of(text.toString());
    }
}

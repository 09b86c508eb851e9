package org.paramlab.grader.purity;

import java.util.List;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import org.paramlab.grader.protocol.Exercise;

/**
 * One rule the student's code must follow. Every rule is a gate: while one is broken, no other graded
 * test runs.
 *
 * @param id       a short name, for example {@code "no-exit"}
 * @param exercise the exercise of group 0 that reports it: 0.1 (the grading's safety) or 0.2 (pure Java)
 * @param title    what the rule says, for example {@code "no System.exit, Runtime.exit or Runtime.halt"}
 * @param why      why, in one sentence for the student
 * @param rule     the ArchUnit rule that checks it; {@code null} for the rule checked on the compiled
 *                 files themselves ({@link PurityRules#YOUR_FILES_ONLY})
 */
public record PurityRule(String id, Exercise exercise, String title, String why, ArchRule rule) {

    /**
     * @param classes the student's classes
     * @return one line per violation, each naming the class, the call or dependency, and the source line;
     *         empty when the rule holds
     */
    public List<String> violations(JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails().stream().map(String::strip).distinct()
                .collect(Collectors.toList());
    }

    /**
     * @param violations what {@link #violations} found
     * @return the feedback: the rule, why, and each violation
     */
    public String describe(List<String> violations) {
        StringBuilder text = new StringBuilder("rule broken: ").append(title).append(" (").append(why).append(")")
                .append(". No other graded test runs until it holds. ").append(violations.size())
                .append(violations.size() == 1 ? " violation:" : " violations:");
        for (String violation : violations) {
            text.append("\n  - ").append(violation);
        }
        return text.toString();
    }
}

package org.paramlab.grader.purity;

import java.util.List;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * One rule the student's code must follow.
 *
 * @param id       a short name, for example {@code "no-exit"}
 * @param title    what the rule says, for example {@code "no System.exit, Runtime.exit or Runtime.halt"}
 * @param why      why, in one sentence for the student
 * @param blocking whether breaking it endangers the grading itself, so that no other graded test may run
 * @param rule     the ArchUnit rule that checks it
 */
public record PurityRule(String id, String title, String why, boolean blocking, ArchRule rule) {

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
        StringBuilder text = new StringBuilder("rule broken: ").append(title).append(" (").append(why).append(")");
        if (blocking) {
            text.append(". This rule protects the grading itself, so no other graded test runs until it holds");
        }
        text.append(". ").append(violations.size()).append(violations.size() == 1 ? " violation:" : " violations:");
        for (String violation : violations) {
            text.append("\n  - ").append(violation);
        }
        return text.toString();
    }
}

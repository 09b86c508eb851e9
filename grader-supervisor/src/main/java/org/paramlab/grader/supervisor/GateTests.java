package org.paramlab.grader.supervisor;

import java.util.ArrayList;
import java.util.List;

import org.paramlab.grader.purity.PurityRule;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Group 0 of the report: one 0-point row per rule of the gate, passed or failed with the rule's
 * violations. The supervisor checks the rules itself, before any graded test runs, so these rows are
 * not JUnit tests.
 */
final class GateTests {

    /** The prefix of the rows' ids, which no JUnit unique id has. */
    static final String ID_PREFIX = "[paramlab:rules]/[rule:";

    private GateTests() {
    }

    /**
     * @param verdict the rules' verdict
     * @return one outcome per rule, in rule order
     */
    static List<TestOutcome> outcomes(PurityVerdict verdict) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (PurityRule rule : PurityVerdict.rules(verdict.studentPackage())) {
            PlannedTest test = new PlannedTest(ID_PREFIX + rule.id() + "]", "Rules", rule.id(), rule.title(),
                    rule.exercise().id(), 0);
            List<String> violations = verdict.violationsOf(rule.id());
            outcomes.add(violations.isEmpty() ? new TestOutcome(test, TestStatus.PASSED, null, 0)
                    : new TestOutcome(test, TestStatus.FAILED, rule.describe(violations), 0));
        }
        return outcomes;
    }

    /**
     * @param studentPackage the student's package
     * @param message        why the rules were not checked (the submission does not compile, say)
     * @return one failed outcome per rule, in rule order: the same rows as {@link #outcomes}, none checked
     */
    static List<TestOutcome> notChecked(String studentPackage, String message) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (PurityRule rule : PurityVerdict.rules(studentPackage)) {
            PlannedTest test = new PlannedTest(ID_PREFIX + rule.id() + "]", "Rules", rule.id(), rule.title(),
                    rule.exercise().id(), 0);
            outcomes.add(new TestOutcome(test, TestStatus.FAILED, message, 0));
        }
        return outcomes;
    }
}

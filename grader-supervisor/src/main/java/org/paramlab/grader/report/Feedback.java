package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Chooses which lost points to show first when there is room for only a few: a crash first, then
 * failures and timeouts, then tests that did not run, then tests not attempted, then skips; within
 * each kind in report order, and each distinct message once.
 */
public final class Feedback {

    private Feedback() {
    }

    /**
     * @param book  the run's scores
     * @param limit the most outcomes to return
     * @return the most useful outcomes that lost points, at most {@code limit}
     */
    public static List<TestOutcome> mostUseful(ScoreBook book, int limit) {
        List<TestOutcome> lost = new ArrayList<>(book.lostPoints());
        lost.sort(Comparator.comparingInt(o -> priority(o.status())));
        Set<String> seen = new HashSet<>();
        List<TestOutcome> chosen = new ArrayList<>();
        for (TestOutcome outcome : lost) {
            if (chosen.size() == limit) {
                break;
            }
            if (seen.add(outcome.status() + "\n" + outcome.message())) {
                chosen.add(outcome);
            }
        }
        return chosen;
    }

    private static int priority(TestStatus status) {
        switch (status) {
            case CRASHED: return 0;
            case FAILED:
            case TIMED_OUT: return 1;
            case BLOCKED:
            case NOT_RUN: return 2;
            case NOT_ATTEMPTED: return 3;
            case ABORTED: return 4;
            default: return 5;
        }
    }
}

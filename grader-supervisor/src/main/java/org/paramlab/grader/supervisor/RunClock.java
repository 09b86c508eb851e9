package org.paramlab.grader.supervisor;

import java.time.Duration;

/**
 * The run's clock: how much of its budget went, and how long the test JVMs may still run.
 *
 * <p>The test JVMs stop a reserve before the budget ends, so that the reports are still written within it.
 */
final class RunClock {

    private final GradingRequest request;
    /** When the run's clock started ({@link System#nanoTime()}): the supervisor's start, or earlier ({@link #startedEarlier}). */
    private long start = System.nanoTime();
    /** The part of the budget kept for the reports: the test JVMs stop this much before it ends. */
    private Duration reportsReserve = Duration.ZERO;

    RunClock(GradingRequest request) {
        this.request = request;
    }

    /**
     * @param alreadySpent   how much of the budget went before the supervisor started
     * @param reserve        how long before the budget's end the test JVMs stop, for the reports
     */
    void startedEarlier(Duration alreadySpent, Duration reserve) {
        this.start = System.nanoTime() - alreadySpent.toNanos();
        this.reportsReserve = reserve;
    }

    /** @return the part of the budget kept for the reports */
    Duration reportsReserve() {
        return reportsReserve;
    }

    /** @return how long the test JVMs may still run: the budget, less what went and the reports' reserve */
    Duration remaining() {
        return request.budget().minus(reportsReserve).minus(elapsed());
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** @return {@code limit}, or what is left of the run's time when that is less */
    Duration shorter(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }
}

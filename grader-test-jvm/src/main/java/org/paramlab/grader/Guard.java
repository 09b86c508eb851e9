package org.paramlab.grader;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a piece of the grader's work that touches a student's object (reading an exception's message
 * or cause, say) in a thread of its own, and gives up on it after a time limit, so that a student's
 * {@code getMessage()} that never returns costs one test, not the run.
 *
 * <p>A thread that did not finish is abandoned (it may spin on). {@link #abandonedThreadsAlive()}
 * tells the test JVM that it should be replaced by a fresh one before the next test.
 */
public final class Guard {

    /** How long the grader waits for a student's object to answer, by default. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(2);

    /** The name prefix of the guard's threads. */
    public static final String THREAD_PREFIX = "paramlab-guard-";

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Set<Thread> ABANDONED = ConcurrentHashMap.newKeySet();

    private Guard() {
    }

    /**
     * @param work  what to compute; it should not throw (a throw counts as no answer)
     * @param limit how long to wait
     * @param <T>   the result's type
     * @return its result, or empty when it threw or did not finish in time
     */
    public static <T> Optional<T> call(Supplier<T> work, Duration limit) {
        AtomicReference<T> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(work.get()), THREAD_PREFIX + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            ABANDONED.add(thread);
            return Optional.empty();
        }
        return Optional.ofNullable(result.get());
    }

    /** @return whether a thread the guard gave up on is still running */
    public static boolean abandonedThreadsAlive() {
        ABANDONED.removeIf(t -> !t.isAlive());
        return !ABANDONED.isEmpty();
    }
}

package org.paramlab.grader.supervisor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The supervisor's own work done off the critical path, each piece in a daemon thread of its own: several
 * supervisors may share a JVM, so a shared pool could make one run wait for another's.
 */
final class Background {

    private Background() {
    }

    /** Runs a piece of the supervisor's own work in a thread of its own. */
    static <T> CompletableFuture<T> inThread(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, "paramlab-supervisor");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** @return the work's result; its own unchecked exception is thrown as is, not wrapped */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}

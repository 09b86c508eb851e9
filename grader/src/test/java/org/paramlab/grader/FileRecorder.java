package org.paramlab.grader;

import java.nio.file.Path;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.report.ProgressLog;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * Records a run into a folder: {@code plan.json}, then one line of {@code progress.jsonl} per event,
 * each handed to the operating system at once, for the grader's own tests, which run fixtures through
 * the {@link GradingListener} in one JVM; graded runs record through the supervisor's channel instead.
 */
final class FileRecorder implements GradingListener.Recorder {

    private final Path dir;
    private ProgressLog log;

    /** @param dir the folder; created when the plan is recorded */
    FileRecorder(Path dir) {
        this.dir = dir;
    }

    @Override
    public void plan(GradingPlan plan) {
        ReportFiles.writeJson(dir.resolve(ReportFiles.PLAN), plan);
        log = ProgressLog.truncate(dir.resolve(ReportFiles.PROGRESS));
    }

    @Override
    public void event(ProgressEvent event) {
        log.append(event);
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}

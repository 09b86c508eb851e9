package org.paramlab.grader.broken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.purity.StudentClasses;

/**
 * The allow-list refuses no honest code: the solutions, the template's stubs and every submission of the
 * catalogue (each is the solutions with one honest mistake) break no rule of group 0, so each grades as
 * it did before the rules became an allow-list.
 */
class CatalogueObeysTheRulesTest {

    private static final String PACKAGE = "org.paramlab.nn";

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theSolutionsAndTheStubsBreakNoRule() throws IOException {
        assertThat(violations("solutions", SubmissionGrader.solutionSources())).isEmpty();
        Path stubs = SubmissionGrader.solutionsDir().resolve("../../../../../../..").normalize()
                .resolve("exercises/src/main/java/org/paramlab/nn");
        assertThat(violations("stubs", SubmissionGrader.sources(stubs))).isEmpty();
    }

    /** Compiles every submission of the catalogue: a minute or two on a busy machine. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void noSubmissionOfTheCatalogueBreaksARule() throws IOException {
        List<BrokenSubmission> catalogue = new ArrayList<>(BrokenSubmissions.all());
        catalogue.addAll(BlindSpotSubmissions.all());
        catalogue.addAll(ContractSubmissions.all());
        Map<String, String> solutions = SubmissionGrader.solutionSources();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        for (BrokenSubmission broken : catalogue) {
            List<String> found = violations(broken.id(), broken.apply(solutions));
            if (!found.isEmpty()) {
                refused.put(broken.id(), found);
            }
        }
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(141);
        assertThat(refused).as("catalogue submissions the rules refuse").isEmpty();
    }

    /** @return every violation of every rule, as "rule: violation" */
    private List<String> violations(String name, Map<String, String> sources) throws IOException {
        Path dir = temp.resolve(name);
        for (Map.Entry<String, byte[]> compiled : SubmissionGrader.compile(sources).entrySet()) {
            Path file = dir.resolve(compiled.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, compiled.getValue());
        }
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = new ClassFileImporter().importPath(dir);
        PurityVerdict verdict = PurityVerdict.check(new StudentClasses(classes, List.of(), classes.size()), PACKAGE);
        List<String> found = new ArrayList<>();
        verdict.violations().forEach((rule, list) -> list.forEach(v -> found.add(rule.id() + ": " + v)));
        return found;
    }
}

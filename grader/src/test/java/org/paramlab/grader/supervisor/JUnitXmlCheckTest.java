package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.protocol.TestStatus;

class JUnitXmlCheckTest {

    private static final String A = "[engine:junit-jupiter]/[class:X]/[method:a()]";
    private static final String B = "[engine:junit-jupiter]/[class:X]/[test-template:b(int)]";

    @TempDir
    Path dir;

    private void report(String cases) throws IOException {
        Files.writeString(dir.resolve("TEST-junit-jupiter.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"JUnit Jupiter\">\n" + cases + "</testsuite>\n");
    }

    private static String testcase(String id, String inside) {
        return "<testcase name=\"n\" classname=\"X\">" + inside + "<system-out><![CDATA[\nunique-id: " + id
                + "\ndisplay-name: n\n]]></system-out></testcase>\n";
    }

    @Test
    void agreementIsSilent() throws IOException {
        report(testcase(A, "") + testcase(B + "/[test-template-invocation:#1]", "")
                + testcase(B + "/[test-template-invocation:#2]", "<failure message=\"x\"/>"));
        assertThat(JUnitXmlCheck.disagreements(dir, Map.of(A, TestStatus.PASSED, B, TestStatus.FAILED))).isEmpty();
    }

    @Test
    void aPassJUnitDidNotSeeIsADisagreement() throws IOException {
        report(testcase(A, "<failure message=\"x\"/>") + testcase(B + "/[test-template-invocation:#1]", ""));
        assertThat(JUnitXmlCheck.disagreements(dir, Map.of(A, TestStatus.PASSED, B, TestStatus.NOT_ATTEMPTED)))
                .containsExactlyInAnyOrder("the grader recorded a pass for " + A + " but JUnit's report does not",
                        "the grader recorded not attempted for " + B + " but JUnit's report a pass");
    }

    @Test
    void aMissingReportIsADisagreement() {
        assertThat(JUnitXmlCheck.disagreements(dir, Map.of(A, TestStatus.PASSED))).singleElement().asString()
                .startsWith("JUnit's XML report lists no test");
    }

    @Test
    void aReportWithADoctypeIsRefused() throws IOException {
        Files.writeString(dir.resolve("TEST-x.xml"), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><testsuite>&e;</testsuite>");
        assertThat(JUnitXmlCheck.disagreements(dir, Map.of(A, TestStatus.PASSED))).singleElement().asString()
                .startsWith("JUnit's XML report cannot be read");
    }
}

package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.paramlab.grader.protocol.TestStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Compares the supervisor's record of a test JVM with JUnit's own account of the same run: the XML
 * report JUnit's {@code LegacyXmlReportGeneratingListener} wrote in that JVM (the format Surefire and
 * Failsafe write). Each test case there names its unique id. A test the grader counts as passed must
 * have passed in JUnit's report too, and a test the grader counts as failed must not have passed
 * there; anything else means that one of the two accounts was tampered with.
 */
final class JUnitXmlCheck {

    private static final Pattern UNIQUE_ID = Pattern.compile("unique-id: (\\S+)");
    private static final Set<TestStatus> FAILURES = EnumSet.of(TestStatus.FAILED, TestStatus.NOT_ATTEMPTED,
            TestStatus.TIMED_OUT);

    /** One test case of the XML report. */
    record Case(String uniqueId, boolean passed) {
    }

    private JUnitXmlCheck() {
    }

    /**
     * @param dir      the folder JUnit wrote its XML report to
     * @param reported the status the test JVM reported for each test, by unique id
     * @return each disagreement, empty when both accounts agree
     */
    static List<String> disagreements(Path dir, Map<String, TestStatus> reported) {
        List<String> findings = new ArrayList<>();
        List<Case> cases;
        try {
            cases = read(dir);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return List.of("JUnit's XML report cannot be read (" + e.getMessage() + ")");
        }
        if (cases.isEmpty() && !reported.isEmpty()) {
            return List.of("JUnit's XML report lists no test, but the grader recorded " + reported.size());
        }
        reported.forEach((id, status) -> {
            List<Case> own = cases.stream().filter(c -> c.uniqueId().equals(id) || c.uniqueId().startsWith(id + "/"))
                    .toList();
            boolean junitPassed = !own.isEmpty() && own.stream().allMatch(Case::passed);
            if (status == TestStatus.PASSED && !junitPassed) {
                findings.add("the grader recorded a pass for " + id + " but JUnit's report does not");
            } else if (FAILURES.contains(status) && junitPassed) {
                findings.add("the grader recorded " + status.label() + " for " + id + " but JUnit's report a pass");
            }
        });
        return findings;
    }

    /** @return every test case of the XML files in {@code dir} */
    static List<Case> read(Path dir) throws IOException, SAXException, ParserConfigurationException {
        List<Case> cases = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return cases;
        }
        DocumentBuilder builder = parser();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                Document document = builder.parse(file.toFile());
                NodeList testcases = document.getElementsByTagName("testcase");
                for (int i = 0; i < testcases.getLength(); i++) {
                    Element testcase = (Element) testcases.item(i);
                    String id = uniqueId(testcase);
                    if (id != null) {
                        cases.add(new Case(id, testcase.getElementsByTagName("failure").getLength() == 0
                                && testcase.getElementsByTagName("error").getLength() == 0
                                && testcase.getElementsByTagName("skipped").getLength() == 0));
                    }
                }
            }
        }
        return cases;
    }

    private static String uniqueId(Element testcase) {
        NodeList out = testcase.getElementsByTagName("system-out");
        for (int i = 0; i < out.getLength(); i++) {
            Matcher matcher = UNIQUE_ID.matcher(out.item(i).getTextContent());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}

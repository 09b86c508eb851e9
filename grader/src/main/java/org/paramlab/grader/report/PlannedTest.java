package org.paramlab.grader.report;

/**
 * One graded test as the plan lists it before anything runs.
 *
 * @param uniqueId    JUnit's unique id of the test, the key of its progress lines
 * @param className   the test class, binary name ({@code Outer$Nested} for a nested class)
 * @param methodName  the test method
 * @param displayName JUnit's display name, for example {@code "namedParameters()"}
 * @param exercise    the exercise id, for example {@code "2.2"}
 * @param points      what the test is worth
 */
public record PlannedTest(String uniqueId, String className, String methodName, String displayName,
                          String exercise, double points) {

    /** @return the class's simple name and the method, for example {@code "Linear1Test.forward"} */
    public String shortName() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "." + methodName;
    }
}

package org.paramlab.grader.protocol;

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

    /**
     * @return the class's simple name (with its outer classes, if nested) and the method, for example
     *         {@code "LinearTest.forward"} or {@code "LinearTest.Shapes.weight"}
     */
    public String shortName() {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return simple + "." + methodName;
    }
}

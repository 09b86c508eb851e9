/** What the generated stubs in {@code exercises/} throw until the student implements them. */
package org.paramlab.exercise;

/**
 * The fingerprint of the grader and the references ({@link org.paramlab.grader.integrity.Fingerprint}):
 * printed under every score, and checked against a published one by {@code java scripts/CheckFingerprint.java}.
 */
package org.paramlab.grader.integrity;

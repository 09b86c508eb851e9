/**
 * The private channel between the supervisor (trusted) and the test JVM that runs the student's code:
 * length-prefixed frames over a loopback socket, opened and authenticated with a per-run secret before
 * any student class loads. The score is computed only from what this channel carried.
 */
package org.paramlab.grader.channel;

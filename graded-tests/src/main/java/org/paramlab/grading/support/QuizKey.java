package org.paramlab.grading.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The key of the quiz of exercise 7.2, as SHA-256 hashes of the right choices, so that reading the
 * template (whose graded tests ship with it) does not show the answers. A choice is hashed as
 * {@code "paramlab quiz 7.2 question1: A,C"}: the question, then the chosen options' names, sorted.
 *
 * <p>This keeps the key out of sight, not out of reach: with four options a question has only sixteen
 * possible answers, which anyone can try by hand, or by hashing them; the quiz is worth 3 of the 100 points.
 */
public final class QuizKey {

    private static final Map<String, String> SHA256 = Map.of(
            "question1", "5f96c90f3327e135edede5ee86c152ab3af885ccb41f6e0ce938e87d643b064d",
            "question2", "b19af683592ae3e4d097c46ebdd2e58edf87ef730a5c5bdf2b8b6b527b2d4f38",
            "question3", "0ad570fe37be4afc5623b215b261547334e801c9096641c80dee45f3a1f0198e");

    private QuizKey() {
    }

    /**
     * @param question the question, for example {@code "question1"}
     * @param chosen   the options chosen
     * @return whether they are exactly the right ones
     */
    public static boolean isRight(String question, Collection<? extends Enum<?>> chosen) {
        String expected = SHA256.get(question);
        if (expected == null) {
            throw new IllegalArgumentException("the quiz has no " + question);
        }
        return expected.equals(sha256(hashed(question, chosen)));
    }

    /** @return the text that is hashed for these choices */
    static String hashed(String question, Collection<? extends Enum<?>> chosen) {
        return "paramlab quiz 7.2 " + question + ": "
                + chosen.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

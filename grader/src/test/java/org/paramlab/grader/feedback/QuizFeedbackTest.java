package org.paramlab.grader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.paramlab.grading.support.QuizFeedback;

/**
 * The quiz's feedback (exercise 7.2) says where to look and what to try, never which option is right:
 * it names no option by its letter, copies no run of three content words from any option of its
 * question, and points to an exercise or a section of the notebook where the idea can be tried.
 */
class QuizFeedbackTest {

    private static final Set<String> STOP = Set.of(("a an the and or of to in on at by for with is are be it its this "
            + "that as from each every one any all not no but so than then there their what which how where when who do "
            + "does did has have had can could will would may might must should your you them they we our also only same "
            + "still").split(" "));

    private static final Pattern OPTION_LETTER = Pattern.compile("(?i)\\boption [A-D]\\b|\\([A-D]\\)|\\b[A-D]\\.(\\s|$)|\\b[A-D] is\\b");

    @Test
    void feedbackRevealsNoOption() throws IOException {
        Map<String, List<String>> options = options();
        assertThat(options).containsOnlyKeys(QuizFeedback.all().keySet());
        for (Map.Entry<String, String> e : QuizFeedback.all().entrySet()) {
            String feedback = e.getValue();
            assertThat(leaks(feedback, options.get(e.getKey())))
                    .as(e.getKey() + "'s feedback repeats an option's words: " + feedback).isEmpty();
            assertThat(OPTION_LETTER.matcher(feedback).find()).as(e.getKey() + "'s feedback names an option: " + feedback)
                    .isFalse();
            assertThat(feedback).as(e.getKey() + "'s feedback points to where the idea can be tried")
                    .containsPattern("exercises? \\d\\.\\d|notebook section");
        }
    }

    @Test
    void theCheckCatchesFeedbackThatCopiesAnOption() throws IOException {
        // The feedback question 1 had before: it stated option A's numbers.
        String revealing = "tying registers one Linear object at two places: its 8 x 8 weight and 8 biases exist once, "
                + "named_parameters() lists them once, and both positions use (and update) the same numbers";
        assertThat(leaks(revealing, options().get("question1"))).isNotEmpty();
        assertThat(OPTION_LETTER.matcher("option B is wrong").find()).isTrue();
        assertThat(OPTION_LETTER.matcher("A. 72").find()).isTrue();
    }

    /** The content-word trigrams {@code feedback} shares with any of {@code options}. */
    static List<String> leaks(String feedback, List<String> options) {
        List<String> leaks = new ArrayList<>();
        List<String> mine = trigrams(feedback);
        for (String option : options) {
            for (String t : trigrams(option)) {
                if (mine.contains(t)) {
                    leaks.add(t + " (from: " + option + ")");
                }
            }
        }
        return leaks;
    }

    private static List<String> trigrams(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[a-z0-9_]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (STOP.contains(w)) {
                continue;
            }
            words.add(w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
        }
        List<String> trigrams = new ArrayList<>();
        for (int i = 0; i + 2 < words.size(); i++) {
            trigrams.add(words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2));
        }
        return trigrams;
    }

    /** Each question's options, from the {@code <li>} items of its javadoc in the exercise students read. */
    static Map<String, List<String>> options() throws IOException {
        Path file = repositoryRoot().resolve("exercises/src/main/java/org/paramlab/nn/WhyShareParameters.java");
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, List<String>> options = new LinkedHashMap<>();
        Matcher question = Pattern.compile("/\\*\\*(.*?)\\*/\\s*public static Set<Option> (question\\d)\\(", Pattern.DOTALL)
                .matcher(source);
        while (question.find()) {
            List<String> items = new ArrayList<>();
            Matcher li = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL).matcher(question.group(1));
            while (li.find()) {
                items.add(li.group(1).replaceAll("\\s*\\*\\s*", " ").replaceAll("\\{@code ([^}]*)}", "$1").strip());
            }
            options.put(question.group(2), items);
        }
        return options;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("exercises/src/main/java/org/paramlab/nn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("exercises/ not found above " + Path.of("").toAbsolutePath());
    }
}

package org.paramlab.nn;

import java.util.EnumSet;
import java.util.Set;

import org.paramlab.exercise.NotImplementedException;

/**
 * Exercise 3 of the notebook: "Why is sharing parameters a good idea?" Three multiple-choice
 * questions, graded, and one answer in your own words, which is not graded: the report shows it
 * to your instructor.
 *
 * <p>Return the options you choose, e.g. {@code return EnumSet.of(Option.A, Option.C);}. A
 * question may have more than one right option; choose all of them, and only them.
 */
public final class WhyShareParameters {

    private WhyShareParameters() {
    }

    /** The options of a question. */
    public enum Option { A, B, C, D }

    /**
     * Question 1. The tied network registers one {@code shared = nn.Linear(8, 8)} at positions 2
     * and 4. How many numbers does the model learn for the shared layer?
     * <ul>
     *   <li>A. 72 (64 weights and 8 biases): one set, used twice;</li>
     *   <li>B. 144: each position has its own weights, initialized to the same values;</li>
     *   <li>C. 144, which the framework copies from position 2 to position 4 after every update;</li>
     *   <li>D. none: a shared layer is frozen and does not learn.</li>
     * </ul>
     */
    public static Set<Option> question1() {
        // TODO exercise 7.2 WhyShareParameters.question1: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.2 WhyShareParameters.question1");
    }

    /**
     * Question 2. After {@code loss.backward()}, what is in {@code net[2].weight.grad}?
     * <ul>
     *   <li>A. the gradient of the loss through position 2 only;</li>
     *   <li>B. the gradient through position 4 only, the last use, which overwrites the first;</li>
     *   <li>C. the average of the gradients through positions 2 and 4;</li>
     *   <li>D. the sum of the gradients through positions 2 and 4.</li>
     * </ul>
     */
    public static Set<Option> question2() {
        // TODO exercise 7.2 WhyShareParameters.question2: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.2 WhyShareParameters.question2");
    }

    /**
     * Question 3. Which of these are good reasons to share parameters? (Choose all that apply.)
     * <ul>
     *   <li>A. The model has fewer parameters to store and to learn, so it needs less memory and
     *       is less prone to overfitting small data sets.</li>
     *   <li>B. It builds in prior knowledge that one transformation should apply in several
     *       places: the same filter at every position of an image (convolutions), the same
     *       weights at every time step of a sequence (recurrent networks), or the same embedding
     *       matrix for a language model's input and output.</li>
     *   <li>C. Every use contributes to the shared gradient, so the shared weights learn from all
     *       the places they are used in each step.</li>
     *   <li>D. The forward pass gets cheaper, because a shared layer is computed only once however
     *       many times it is used.</li>
     * </ul>
     */
    public static Set<Option> question3() {
        // TODO exercise 7.2 WhyShareParameters.question3: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.2 WhyShareParameters.question3");
    }

    /**
     * In two or three sentences of your own: why is sharing parameters a good idea, and when would
     * you rather not share? Not graded: the report shows your answer to your instructor.
     */
    public static String inYourOwnWords() {
        // TODO exercise 7.2 WhyShareParameters.inYourOwnWords: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.2 WhyShareParameters.inYourOwnWords");
    }
}

package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradingListener;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grading.support.CustomStructure;
import org.paramlab.grading.support.Expect;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Identity;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.grading.support.TrainingNet;
import org.paramlab.grading.support.QuizFeedback;
import org.paramlab.grading.support.QuizKey;
import org.paramlab.grading.support.ReportCharts;
import org.paramlab.grading.support.TrainingRecordJson;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.Sequential;
import org.paramlab.nn.SharedLayerTraining;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.nn.WhyShareParameters;
import org.paramlab.nn.WhyShareParameters.Option;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 7, the notebook's exercises 2 and 3: train an MLP with a shared layer while recording
 * every layer's parameters and gradients, compared step by step with PyTorch's own run (same
 * data, same initial weights, same hand-written SGD), and a short quiz on why sharing parameters
 * is a good idea. The quiz is the one place whose expected answers are not PyTorch's: its key is
 * below. The answer in the student's own words is shown to the instructor, not graded.
 */
@Order(7)
@DisplayName("7 Training with a shared layer")
class SharedLayerTrainingTest {

    private static ReferenceModel reference() {
        return References.load("shared_training.onnx");
    }

    private static int steps(ReferenceModel ref) {
        return Integer.parseInt(ref.metadata("steps"));
    }

    private static float lr(ReferenceModel ref) {
        return Float.parseFloat(ref.metadata("lr"));
    }

    private static String hint() {
        return "each step: copy the parameters, zeroGrad(), loss = mseLoss(net.forward(X), y), loss.backward(), copy "
                + "the gradients, then p.data().sub_(p.grad().mul(lr)) for every parameter once; "
                + Hints.of(Exercise.E7_1);
    }

    /** Trains the grader's copy of PyTorch's initial network with the student's loop. */
    private static TrainingRecord trainReferenceNet(ReferenceModel ref) {
        TrainingNet net = TrainingNet.of(ref, "init.");
        TrainingRecord record = SharedLayerTraining.train(net, ref.data("X"), ref.data("y"), steps(ref), lr(ref));
        assertThat(record).as("SharedLayerTraining.train must return a record; " + hint()).isNotNull();
        assertThat(record.steps()).as("the number of steps recorded by train(net, X, y, " + steps(ref) + ", "
                + lr(ref) + "); " + hint()).hasSize(steps(ref));
        return record;
    }

    private static void assertNamesArePyTorchs(Map<String, Tensor> tensors, ReferenceModel ref, String what) {
        assertThat(tensors).as(what + " must not be null; " + hint()).isNotNull();
        assertThat(new ArrayList<>(tensors.keySet()))
                .as(what + ": the names of namedParameters() (the shared layer once), compared with PyTorch's "
                        + "named_parameters(); " + hint())
                .containsExactlyElementsOf(ref.metadataList("parameter_names"));
    }

    // --- 7.1 training with a shared layer -------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E7_1, points = 1.5)
    @DisplayName("sharedMlp() is PyTorch's network: one Linear(8, 8) at positions 2 and 4, PyTorch's initial weights")
    void sharedMlpIsPyTorchsNetwork() {
        ReferenceModel ref = reference();
        String hint = "shared = nn.Linear(8, 8) first, then nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, "
                + "nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1)); " + Hints.of(Exercise.E7_1);
        Generator.manualSeed(Long.parseLong(ref.metadata("seed")));
        Sequential net = SharedLayerTraining.sharedMlp();
        Identity.assertSame(net.registeredModules().get("4"), net.registeredModules().get("2"),
                "positions 2 and 4 must hold the same Linear object (tied, not two equal layers); " + hint);
        CustomStructure.assertSameAs(net, ReferenceTree.of(ref), "SharedLayerTraining.sharedMlp()", hint);
        for (String name : ref.metadataList("parameter_names")) {
            Parameter p = Weights.find(net, name, "sharedMlp()", ref.fileName());
            assertThatTensor(p.data()).named("sharedMlp()'s " + name + " after torch.manual_seed(70)").withHint(hint)
                    .isCloseTo(ref.data("init." + name), Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 0.5)
    @DisplayName("mseLoss is nn.MSELoss(): the mean of the squared errors")
    void mseLossMatchesPyTorch() {
        ReferenceModel ref = reference();
        String hint = "((yHat - y) ** 2).mean(): square every error, then average over all elements; "
                + Hints.of(Exercise.E7_1);
        TrainingNet net = TrainingNet.of(ref, "init.");
        Tensor loss = SharedLayerTraining.mseLoss(net.forward(ref.data("X")), ref.data("y"));
        assertThatTensor(loss).named("mseLoss(net(X), y) with PyTorch's initial weights").withHint(hint)
                .isCloseTo(ref.data("losses").select(0));
        assertThat(loss.requiresGrad()).as("the loss must be differentiable (requiresGrad); " + hint).isTrue();
        Tensor yHat = Tensor.zeros(16, 1);
        Tensor flat = Tensor.zeros(16);
        String what = "mseLoss(a prediction of shape [16, 1], a target of shape [16])";
        String rule = "shapes that differ are refused (PyTorch would broadcast [16, 1] against [16] to [16, 16] and only "
                + "warn), with a message that names both shapes; " + Hints.of(Exercise.E7_1);
        Expect.message(IllegalArgumentException.class, () -> SharedLayerTraining.mseLoss(yHat, flat), what)
                .matches("\\[16, 1\\]|\\(16, 1\\)", "the prediction's shape [16, 1]", rule)
                .matches("\\[16\\]|\\(16,?\\)", "the target's shape [16]", rule);
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 1.5)
    @DisplayName("train: the loss of every step is PyTorch's (the record is written to training-record.json)")
    void trainingLossesMatchPyTorch(TestReporter reporter) {
        ReferenceModel ref = reference();
        ReportCharts.losses(reporter, ref.data("losses"), null, lr(ref));
        TrainingNet net = TrainingNet.of(ref, "init.");
        TrainingRecord record = SharedLayerTraining.train(net, ref.data("X"), ref.data("y"), steps(ref), lr(ref));
        ReportCharts.losses(reporter, ref.data("losses"), record, lr(ref));
        TrainingRecordJson.publish(reporter, record, ref.data("losses"), ref.metadata("description.short"), lr(ref));
        assertThat(record).as("SharedLayerTraining.train must return a record; " + hint()).isNotNull();
        assertThat(record.steps()).as("the number of steps recorded; " + hint()).hasSize(steps(ref));
        float[] losses = new float[record.steps().size()];
        for (int k = 0; k < losses.length; k++) {
            TrainingRecord.Step step = record.steps().get(k);
            assertThat(step.step()).as("the number of step " + k + " (steps count from 0)").isEqualTo(k);
            losses[k] = step.loss();
        }
        assertThatTensor(Tensor.of(losses, losses.length))
                .named("the loss at each of the " + steps(ref) + " steps (lr = " + lr(ref) + ")").withHint(hint())
                .isCloseTo(ref.data("losses"));
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 1.5)
    @DisplayName("train: every parameter's gradient at every step is PyTorch's, the shared layer's included")
    void trainingGradientsMatchPyTorch() {
        ReferenceModel ref = reference();
        TrainingRecord record = trainReferenceNet(ref);
        for (TrainingRecord.Step step : record.steps()) {
            assertNamesArePyTorchs(step.gradients(), ref, "the gradients of step " + step.step());
            for (String name : ref.metadataList("parameter_names")) {
                String shared = name.startsWith("2.") ? " (the shared layer: the sum of the gradients through "
                        + "positions 2 and 4)" : "";
                assertThatTensor(step.gradients().get(name))
                        .named("the gradient of " + name + " at step " + step.step() + shared).withHint(hint())
                        .isCloseTo(ref.data("grads." + name).select(step.step()));
            }
        }
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 1.5)
    @DisplayName("train: the parameters before every step and after the last one are PyTorch's")
    void trainingParametersMatchPyTorch() {
        ReferenceModel ref = reference();
        TrainingRecord record = trainReferenceNet(ref);
        for (TrainingRecord.Step step : record.steps()) {
            assertNamesArePyTorchs(step.parameters(), ref, "the parameters of step " + step.step());
            for (String name : ref.metadataList("parameter_names")) {
                assertThatTensor(step.parameters().get(name))
                        .named(name + " before the update of step " + step.step()
                                + " (record copies, not the parameters themselves)")
                        .withHint(hint()).isCloseTo(ref.data("params." + name).select(step.step()));
            }
        }
        assertNamesArePyTorchs(record.finalParameters(), ref, "the final parameters");
        for (Map.Entry<String, Tensor> e : ref.parameters().entrySet()) {
            assertThatTensor(record.finalParameters().get(e.getKey()))
                    .named(e.getKey() + " after all " + steps(ref) + " updates").withHint(hint())
                    .isCloseTo(e.getValue());
        }
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 1)
    @DisplayName("The shared layer's gradient is the sum of its two uses: untiedCopy's gradients are PyTorch's")
    void untiedCopyShowsTheTwoContributions(TestReporter reporter) {
        ReferenceModel ref = reference();
        Tensor use1 = ref.data("untied.grads.2.weight").select(0);
        Tensor use2 = ref.data("untied.grads.4.weight").select(0);
        Tensor total = ref.data("grads.2.weight").select(0);
        ReportCharts.sharedGradient(reporter, "2.weight", use1, use2, total, null, false);
        String hint = "untiedCopy makes positions 2 and 4 two new Linear layers holding copies of the shared values; "
                + "the gradients they get are the two contributions the shared layer's gradient sums; "
                + Hints.of(Exercise.E7_1);
        Sequential net = SharedLayerTraining.sharedMlp();
        for (String name : ref.metadataList("parameter_names")) {
            Weights.find(net, name, "sharedMlp()", ref.fileName()).data().copy_(ref.data("init." + name));
        }
        Sequential untied = SharedLayerTraining.untiedCopy(net);
        Identity.assertDistinct(untied.registeredModules().get("2"), untied.registeredModules().get("4"),
                "untiedCopy(net): positions 2 and 4 must be two different objects; " + hint);
        Identity.assertDistinct(untied.registeredModules().get("2"), net.registeredModules().get("2"),
                "untiedCopy(net): position 2 must be a new layer, not the shared one; " + hint);
        // the checks above passed: from here on, missing gradients are the student's code's
        ReportCharts.sharedGradient(reporter, "2.weight", use1, use2, total, null, true);
        Tensor yHat = untied.forward(ref.data("X"));
        yHat.sub(ref.data("y")).pow(2f).mean().backward();
        ReportCharts.sharedGradient(reporter, "2.weight", use1, use2, total, new Tensor[] {
            gradient(untied, "2.weight"), gradient(untied, "4.weight"), sharedGradient(ref)}, true);
        for (String name : ref.metadataList("untied_names")) {
            Parameter p = Weights.find(untied, name, "untiedCopy(sharedMlp())", ref.fileName());
            assertThatTensor(p.grad()).named("the untied copy's gradient of " + name
                            + " after mean((net(X) - y)^2).backward() with PyTorch's initial weights").withHint(hint)
                    .isCloseTo(ref.data("untied.grads." + name).select(0));
        }
        Tensor sum = ref.data("untied.grads.2.weight").select(0).add(ref.data("untied.grads.4.weight").select(0));
        assertThatTensor(ref.data("grads.2.weight").select(0))
                .named("PyTorch's shared gradient of 2.weight, compared with the sum of its untied 2.weight and 4.weight")
                .isCloseTo(sum);
        Parameter original = Weights.find(net, "2.weight", "sharedMlp()", ref.fileName());
        assertThat(original.grad()).as("untiedCopy must not use the original layers: the shared layer got a gradient; "
                + hint).isNull();
    }

    // --- 7.2 why share parameters? -------------------------------------------------------------

    /** A parameter's gradient for report.html's chart, or null: never fails the test. */
    private static Tensor gradient(org.paramlab.nn.Module net, String name) {
        try {
            for (var e : net.namedParameters().entrySet()) {
                if (e.getKey().equals(name)) {
                    return e.getValue().grad();
                }
            }
        } catch (RuntimeException e) {
            // only a chart
        }
        return null;
    }

    /**
     * The student's shared gradient of 2.weight after one backward pass from PyTorch's initial weights, on a
     * fresh network of its own (the graded one is left as it is), for report.html's chart; null on any failure.
     */
    private static Tensor sharedGradient(ReferenceModel ref) {
        try {
            Sequential shared = SharedLayerTraining.sharedMlp();
            for (String name : ref.metadataList("parameter_names")) {
                Weights.find(shared, name, "sharedMlp()", ref.fileName()).data().copy_(ref.data("init." + name));
            }
            shared.forward(ref.data("X")).sub(ref.data("y")).pow(2f).mean().backward();
            return gradient(shared, "2.weight");
        } catch (RuntimeException | AssertionError e) {
            return null;
        }
    }

    private static void assertQuizAnswer(String question, Supplier<Set<Option>> answer) {
        Set<Option> chosen = answer.get();
        assertThat(chosen).as("WhyShareParameters." + question + "() must return the chosen options, not null").isNotNull();
        assertThat(QuizKey.isRight(question, chosen))
                .as("WhyShareParameters." + question + "(): the options you chose, " + new TreeSet<>(chosen)
                        + ", are not the right ones; " + QuizFeedback.why(question) + "; " + Hints.of(Exercise.E7_2))
                .isTrue();
    }

    @Test
    @Graded(exercise = Exercise.E7_2, points = 1)
    @DisplayName("Quiz 1: how many numbers does a layer used twice learn? (your own words go to the instructor)")
    void quizQuestion1(TestReporter reporter) {
        publishAnswer(reporter);
        assertQuizAnswer("question1", WhyShareParameters::question1);
    }

    @Test
    @Graded(exercise = Exercise.E7_2, points = 1)
    @DisplayName("Quiz 2: what gradient does a shared layer get?")
    void quizQuestion2() {
        assertQuizAnswer("question2", WhyShareParameters::question2);
    }

    @Test
    @Graded(exercise = Exercise.E7_2, points = 1)
    @DisplayName("Quiz 3: good reasons to share parameters")
    void quizQuestion3() {
        assertQuizAnswer("question3", WhyShareParameters::question3);
    }

    /**
     * Publishes the answer in the student's own words for the report, ungraded: the question always,
     * the answer when there is one (a stub or an empty answer is reported as "no answer given").
     */
    private static void publishAnswer(TestReporter reporter) {
        String answer;
        try {
            answer = WhyShareParameters.inYourOwnWords();
        } catch (NotImplementedException e) {
            answer = null;
        } catch (RuntimeException e) {
            answer = "(WhyShareParameters.inYourOwnWords() threw " + e.getClass().getName() + ")";
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(GradingListener.QUESTION_KEY, "Why is sharing parameters a good idea, and when would you rather not share?");
        if (answer != null && !answer.isBlank()) {
            entry.put(GradingListener.ANSWER_KEY, GradingListener.capAnswer(answer));
        }
        reporter.publishEntry(entry);
    }
}

package org.paramlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.tensor.Tensor;

/**
 * What a training run saw, step by step: exercise 2 of the notebook asks to "observe the model
 * parameters and gradients of each layer" during training, and this is the notebook for it.
 *
 * <p>Each {@link Step} holds the loss of that step, every parameter's values <em>before</em>
 * that step's update (the values the forward pass used), and every parameter's gradient after
 * that step's {@code backward()}. Both maps are keyed by the names of
 * {@link Module#namedParameters()} ({@code 0.weight}, {@code 2.weight}, ...; a shared layer
 * once, under its first name) and hold copies, so that later updates do not change them.
 * {@link #finalParameters()} are the values after the last update.
 *
 * <p>Given: build one with the data of your training loop.
 *
 * @param steps           one entry per step, in order
 * @param finalParameters every parameter's values after the last update, by name
 */
public record TrainingRecord(List<Step> steps, Map<String, Tensor> finalParameters) {

    /** Copies the list and the map (keeping the map's order); neither may be null. */
    public TrainingRecord {
        steps = List.copyOf(steps);
        finalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(finalParameters));
    }

    /**
     * One step of training.
     *
     * @param step       its number, from 0
     * @param loss       the loss this step computed (before its update)
     * @param parameters every parameter's values before this step's update, by name (copies)
     * @param gradients  every parameter's gradient after this step's {@code backward()}, by name (copies)
     */
    public record Step(int step, float loss, Map<String, Tensor> parameters, Map<String, Tensor> gradients) {

        /** Copies the maps, keeping their order; neither may be null. */
        public Step {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        }
    }

    /** The loss of each step, in order: what a training curve plots. */
    public List<Float> losses() {
        List<Float> losses = new ArrayList<>();
        for (Step step : steps) {
            losses.add(step.loss());
        }
        return losses;
    }
}

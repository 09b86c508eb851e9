package org.paramlab.tensor;

/**
 * The element types ParamLab's tensors carry. Values are always stored as {@code float}; the
 * dtype says how to read and print them, as {@code tensor.dtype} does in PyTorch.
 */
public enum DType {

    /**
     * 32-bit floating point, {@code torch.float32}: PyTorch's default dtype, so its repr shows no
     * {@code dtype=} suffix. Parameters, gradients and activations are FLOAT32.
     */
    FLOAT32,

    /**
     * A boolean mask, {@code torch.bool}: the result of a comparison such as
     * {@code w.abs() >= 5}. Stored as 0 (false) and 1 (true), printed {@code True}/{@code False}
     * (for example {@code tensor([ True, False])}). Multiplying by a mask zeroes the entries where
     * it is false, as in the notebook's {@code my_init}.
     */
    BOOL
}

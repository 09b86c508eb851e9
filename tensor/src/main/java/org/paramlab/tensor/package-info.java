/**
 * The given library: float32 {@link org.paramlab.tensor.Tensor}s with reverse-mode autograd, a
 * random {@link org.paramlab.tensor.Generator} that reproduces PyTorch's CPU generator, and
 * PyTorch-style printing ({@link org.paramlab.tensor.TensorFormat}).
 *
 * <p>Students read this package and build on it; they do not edit it. It is small on purpose:
 * everything here can be read in an afternoon.
 */
package org.paramlab.tensor;

/**
 * The reference side of grading: PyTorch's own answers, read from the ONNX files in
 * {@code reference-models/} and run by ONNX Runtime.
 *
 * <ul>
 *   <li>{@link org.paramlab.grader.reference.References#load(String)} gives one cached
 *       {@link org.paramlab.grader.reference.ReferenceModel} per file and provider per JVM, after
 *       checking the file's SHA-256 against {@code manifest.json}
 *       ({@link org.paramlab.grader.reference.ReferenceManifest},
 *       {@link org.paramlab.grader.reference.Integrity}).</li>
 *   <li>A model gives its initializers by PyTorch name ({@code 0.weight}), the extra data tensors
 *       ({@code data.X}), its metadata (reprs, key lists) and runs its graph on new inputs.</li>
 *   <li>{@link org.paramlab.grader.protocol.Provider} says where ONNX Runtime runs (CPU by default,
 *       CUDA with {@code -Dparamlab.provider=cuda}; never a silent fallback) and which
 *       {@link org.paramlab.grader.protocol.Tolerance} suits it;
 *       {@link org.paramlab.grader.reference.ProviderDecision} turns {@code cpu}, {@code cuda} or {@code auto}
 *       into one provider before any test runs, from what {@link org.paramlab.grader.reference.CudaProbe}
 *       found ({@link org.paramlab.grader.reference.CudaStatus}).</li>
 * </ul>
 *
 * <p>Student code never sees this package (ArchUnit keeps ONNX Runtime out of {@code exercises/}).
 */
package org.paramlab.grader.reference;

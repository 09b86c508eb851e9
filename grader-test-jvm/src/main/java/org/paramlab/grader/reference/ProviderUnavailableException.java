package org.paramlab.grader.reference;

/**
 * The execution provider that was asked for ({@code -Dparamlab.provider=cuda}) cannot run on this
 * machine. The grader never falls back to another provider silently: the message says what was
 * asked for, why it cannot run (ONNX Runtime's own words) and how to fix it.
 */
public class ProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

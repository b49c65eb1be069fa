package dev.assay.agent.cuda;

/** A CUDA driver call that did not return CUDA_SUCCESS; the message names the call and the error. */
public final class CudaException extends RuntimeException {

    private final int code;

    public CudaException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package org.mailplatform.localstack;

/** The whole platform in one command, with no Docker. */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("the local stack is not assembled yet");
    }
}

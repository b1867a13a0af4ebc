package org.mailplatform.protocolservice;

/** A listener setting the service cannot start with; {@link #property()} names it. */
public final class ListenerConfigurationException extends IllegalStateException {

    private final String property;

    public ListenerConfigurationException(String property, String problem) {
        super(property + " " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}

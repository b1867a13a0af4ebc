package org.mailplatform.protocolservice;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad listener setting at start as what it is, instead of a chain of bean creation errors. */
final class ListenerConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ListenerConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerConfigurationException cause) {
        return new FailureAnalysis("Invalid mail listener setting: " + cause.getMessage(),
                "Correct or remove " + cause.property() + ". Properties left out keep the listener's default;"
                        + " see docs/configuration.md, \"Mail listeners\".", cause);
    }
}

package org.mailplatform.reliability;

import org.mailplatform.localstack.PlatformService;
import org.mailplatform.localstack.ProcessStack;

/** A part of the platform the crash-safety test kills with SIGKILL and starts again. */
enum Victim {
    MSA, MTA, MDA, IMAP, POP3, KAFKA, POSTGRES;

    long pid(ProcessStack stack) {
        return switch (this) {
            case KAFKA -> stack.kafkaPid();
            case POSTGRES -> stack.postgresPid();
            default -> stack.servicePid(service());
        };
    }

    void kill(ProcessStack stack) {
        switch (this) {
            case KAFKA -> stack.killKafka();
            case POSTGRES -> stack.killPostgres();
            default -> stack.killService(service());
        }
    }

    void restart(ProcessStack stack) {
        switch (this) {
            case KAFKA -> stack.restartKafka();
            case POSTGRES -> stack.restartPostgres();
            default -> stack.restartService(service());
        }
    }

    private PlatformService service() {
        return PlatformService.valueOf(name());
    }
}

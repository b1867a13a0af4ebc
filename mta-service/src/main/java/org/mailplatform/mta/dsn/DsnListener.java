package org.mailplatform.mta.dsn;

/** Told about every DSN sent, for metrics. */
public interface DsnListener {

    DsnListener NONE = notice -> {
    };

    void sent(DeliveryStatusNotice notice);
}

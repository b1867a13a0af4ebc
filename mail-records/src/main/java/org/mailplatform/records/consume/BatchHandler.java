package org.mailplatform.records.consume;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/** Does the work for the records of one poll. */
@FunctionalInterface
public interface BatchHandler<T> {

    /**
     * @param batch the records of one poll that are due, in order within each partition
     * @return one entry per record, in order: null when the record is done, else why it is not.
     *         After the first record of a partition that is not done, the entries of that
     *         partition's later records are not read: they are read again from the broker. A
     *         handler that throws fails the first record of every partition in the batch.
     */
    List<Exception> handle(List<Consumed<T>> batch);

    /** One record at a time: a partition stops at its first failure, later records of it are left for later. */
    static <T> BatchHandler<T> perRecord(RecordHandler<T> handler) {
        return batch -> {
            List<Exception> results = new ArrayList<>(batch.size());
            Set<TopicPartition> stopped = new HashSet<>();
            for (Consumed<T> record : batch) {
                if (stopped.contains(record.partition())) {
                    results.add(NOT_TRIED);
                    continue;
                }
                try {
                    handler.handle(record);
                    results.add(null);
                } catch (Exception e) {
                    stopped.add(record.partition());
                    results.add(e);
                }
            }
            return results;
        };
    }

    /** The result of a record left for later because an earlier one of its partition failed. */
    Exception NOT_TRIED = new IllegalStateException("not tried: an earlier record of the partition failed");

    /** The work for one record. */
    @FunctionalInterface
    interface RecordHandler<T> {
        void handle(Consumed<T> record) throws Exception;
    }
}

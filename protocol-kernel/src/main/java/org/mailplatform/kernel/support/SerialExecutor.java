package org.mailplatform.kernel.support;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. Holds no thread while it has no
 * work and allocates its queue only while tasks are pending, so an idle connection costs a few dozen bytes.
 * A task submitted while another runs (also from inside a task) is queued, never run concurrently or recursively.
 */
public final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<Runnable> queue;
    private boolean scheduled;
    private volatile Thread runner;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        boolean start;
        lock.lock();
        try {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(task);
            start = !scheduled;
            scheduled = true;
        } finally {
            lock.unlock();
        }
        if (start) {
            try {
                delegate.execute(this::drain);
            } catch (RuntimeException rejected) {
                lock.lock();
                try {
                    scheduled = false;
                    queue = null;
                } finally {
                    lock.unlock();
                }
                throw rejected;
            }
        }
    }

    /** True on the thread currently running this executor's tasks. */
    public boolean inExecutor() {
        return runner == Thread.currentThread();
    }

    /** True while a task runs or waits to run. */
    public boolean isBusy() {
        lock.lock();
        try {
            return scheduled;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        Thread previous = runner;
        runner = Thread.currentThread();
        try {
            while (true) {
                Runnable task;
                lock.lock();
                try {
                    task = queue == null ? null : queue.poll();
                    if (task == null) {
                        queue = null;
                        scheduled = false;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                task.run();
            }
        } finally {
            runner = previous;
        }
    }
}

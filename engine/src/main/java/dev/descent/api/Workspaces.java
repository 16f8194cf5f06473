package dev.descent.api;

import dev.descent.network.Workspace;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded pool of forward-pass buffers, so that concurrent predictions never share one and a steady
 * caller allocates nothing. Taking and returning are one atomic swap each over a fixed array (no queue
 * nodes, no lock); when every slot is empty a new workspace is made, and one returned to a full pool is
 * dropped. A pool rather than a {@link ThreadLocal}: a model's buffers then stay bounded by the number
 * of calls in flight, not by the number of threads that ever called it (a server's pool, or a virtual
 * thread per request, which would make a new workspace for every call).
 */
final class Workspaces {
    private final int[] sizes;
    private final int capacity;
    private final AtomicReferenceArray<Workspace> slots;

    Workspaces(int[] sizes, int capacity, int slots) {
        this.sizes = sizes.clone();
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(slots);
    }

    Workspace take() {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                Workspace ws = slots.getAndSet(i, null);
                if (ws != null) return ws;
            }
        }
        return Workspace.forInference(sizes, capacity);
    }

    void give(Workspace ws) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, ws)) return;
        }
    }
}

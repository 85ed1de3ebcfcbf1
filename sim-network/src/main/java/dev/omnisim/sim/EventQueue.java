package dev.omnisim.sim;

import java.util.Arrays;

/**
 * The simulation's pending events: a binary min-heap ordered by (time, insertion sequence), so
 * events at the same virtual time run in the order they were scheduled.
 */
final class EventQueue {
  private Event[] heap = new Event[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  Event peek() {
    return size == 0 ? null : heap[0];
  }

  void add(Event e) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Event p = heap[parent];
      if (!e.before(p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  Event poll() {
    if (size == 0) {
      return null;
    }
    Event top = heap[0];
    Event last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        Event c = heap[child];
        int right = child + 1;
        if (right < size && heap[right].before(c)) {
          child = right;
          c = heap[child];
        }
        if (!c.before(last)) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Something that happens at a virtual time. */
  abstract static class Event {
    long time;
    long seq;

    final boolean before(Event o) {
      return time < o.time || (time == o.time && seq < o.seq);
    }

    abstract void fire();

    /**
     * True when firing would do nothing (a cancelled timer, the timeout of a finished call): such an
     * event is discarded without moving the clock or counting towards the caps.
     */
    boolean dead() {
      return false;
    }

    /** For traces and error messages. */
    abstract String describe();
  }
}

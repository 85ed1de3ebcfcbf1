package dev.omnisim.sim;

/**
 * One recorded event of a run.
 *
 * @param index position in the run, from 0
 * @param timeMicros virtual time of the event
 * @param kind what happened
 * @param from the node that sent, owns or caused it; -1 when none
 * @param to the node that received it; -1 when none
 * @param detail a human description (message type and content, timer name, fault, ...)
 */
public record TraceEvent(long index, long timeMicros, TraceKind kind, int from, int to, String detail) {

  @Override
  public String toString() {
    String who = from < 0 ? "" : to < 0 ? " n" + from : " " + from + "→" + to;
    return "#" + index + " t=" + SimLog.formatMicros(timeMicros) + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + who + " " + detail;
  }
}

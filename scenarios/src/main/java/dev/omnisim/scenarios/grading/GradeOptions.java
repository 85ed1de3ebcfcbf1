package dev.omnisim.scenarios.grading;

/**
 * How the grader runs child JVMs.
 *
 * @param jobs child JVMs at once (default: the number of cores)
 * @param timeLimitSeconds wall-clock limit per scenario × seed (both of its runs); the child is killed after it
 * @param heapMegabytes each child's heap limit ({@code -Xmx})
 * @param workerClasspath the classpath of the child JVMs: omnisim itself (the submission is added by the child)
 * @param protocol the registered protocol ({@code Protocols}) under a submission of the key-value layer; the
 *     default, {@code omnipaxos}, is the reference's (a submission that implements {@code consensus()} runs its own)
 */
public record GradeOptions(int jobs, int timeLimitSeconds, int heapMegabytes, String workerClasspath, String protocol) {
  /** Default wall-clock limit per scenario × seed: the reference needs well under a second. */
  public static final int DEFAULT_TIME_LIMIT_SECONDS = 60;
  /** Default heap per child. */
  public static final int DEFAULT_HEAP_MEGABYTES = 512;

  public GradeOptions {
    java.util.Objects.requireNonNull(protocol, "protocol");
    if (jobs < 1 || timeLimitSeconds < 1 || heapMegabytes < 64) {
      throw new IllegalArgumentException("jobs >= 1, time limit >= 1 s and heap >= 64 MB, got " + jobs + ", "
          + timeLimitSeconds + ", " + heapMegabytes);
    }
  }

  /** The defaults: as many children as cores, on this JVM's own classpath. */
  public static GradeOptions defaults() {
    return new GradeOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_TIME_LIMIT_SECONDS,
        DEFAULT_HEAP_MEGABYTES, System.getProperty("java.class.path"), dev.omnisim.scenarios.Protocols.DEFAULT);
  }

  public GradeOptions withJobs(int n) {
    return new GradeOptions(n, timeLimitSeconds, heapMegabytes, workerClasspath, protocol);
  }

  public GradeOptions withTimeLimitSeconds(int seconds) {
    return new GradeOptions(jobs, seconds, heapMegabytes, workerClasspath, protocol);
  }

  public GradeOptions withHeapMegabytes(int megabytes) {
    return new GradeOptions(jobs, timeLimitSeconds, megabytes, workerClasspath, protocol);
  }

  public GradeOptions withProtocol(String name) {
    return new GradeOptions(jobs, timeLimitSeconds, heapMegabytes, workerClasspath, name);
  }
}

package dev.omnisim.lincheck;

import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides whether a history is linearisable with respect to a model.
 *
 * <p>The model splits the history into partitions (P-compositionality); each is decided alone, on
 * up to {@link CheckOptions#threads()} threads: a key-value partition whose values order its appends
 * by the polynomial unique-append procedure ({@code UniqueAppends}), any other by Wing and Gong's
 * search with Lowe's memoisation. {@link PartitionResult#method()} says which. The answer does not depend on the number of threads: results are assembled in partition
 * order, and every partition is checked even after one fails, so the report is complete. Only a
 * time budget can make two runs differ (one may answer UNKNOWN where a faster one decided).
 *
 * <p>The checker is not simulated code: it reads the wall clock for its budget and may start
 * threads.
 */
public final class Checker {

  private final CheckOptions options;

  /** A checker with {@link CheckOptions#defaults()}. */
  public Checker() {
    this(CheckOptions.defaults());
  }

  /** A checker with the given budget and threads. */
  public Checker(CheckOptions options) {
    this.options = options;
  }

  /** Checks {@code history} against {@code model}. */
  public <S, I, O> CheckResult<I, O> check(Model<S, I, O> model, History<I, O> history) {
    long deadlineNanos = options.timeout().isZero()
        ? System.nanoTime() + Long.MAX_VALUE / 2
        : System.nanoTime() + options.timeout().toNanos();
    List<Partition<I, O>> partitions = model.partition(history.operations());
    int threads = Math.min(options.threads(), partitions.size());
    if (threads <= 1) {
      List<PartitionResult<I, O>> results = new ArrayList<>();
      for (Partition<I, O> partition : partitions) {
        results.add(search(model, partition, deadlineNanos));
      }
      return CheckResult.of(results);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "lincheck");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<PartitionResult<I, O>>> futures = new ArrayList<>();
      for (Partition<I, O> partition : partitions) {
        futures.add(pool.submit(() -> search(model, partition, deadlineNanos)));
      }
      List<PartitionResult<I, O>> results = new ArrayList<>();
      for (Future<PartitionResult<I, O>> future : futures) {
        results.add(future.get());
      }
      return CheckResult.of(results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Decides one partition: by the unique-append procedure when the model is the key-value store and
   * the values order the appends, otherwise by the general search.
   */
  @SuppressWarnings("unchecked")
  private <S, I, O> PartitionResult<I, O> search(Model<S, I, O> model, Partition<I, O> partition, long deadlineNanos) {
    if (options.uniqueAppends() && model instanceof KvModel kv) {
      Optional<PartitionResult<KvOp, String>> decided = UniqueAppends.decide(kv, (Partition<KvOp, String>) partition);
      if (decided.isPresent()) {
        return (PartitionResult<I, O>) decided.get();
      }
    }
    return new PartitionSearch<>(model, partition, deadlineNanos, options.cacheEntriesMax()).run();
  }
}

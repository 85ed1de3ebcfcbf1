package dev.omnisim.lincheck;

import java.util.List;

/**
 * The checker's answer: {@link Verdict#ILLEGAL} if any partition is not linearisable, otherwise
 * {@link Verdict#UNKNOWN} if any partition is undecided, otherwise {@link Verdict#OK}.
 *
 * @param verdict the verdict on the whole history
 * @param partitions one result per partition, in the model's partition order
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record CheckResult<I, O>(Verdict verdict, List<PartitionResult<I, O>> partitions) {

  /** Copies the list. */
  public CheckResult {
    partitions = List.copyOf(partitions);
  }

  /** Combines partition results under P-compositionality. */
  static <I, O> CheckResult<I, O> of(List<PartitionResult<I, O>> partitions) {
    Verdict verdict = Verdict.OK;
    for (PartitionResult<I, O> partition : partitions) {
      if (partition.verdict() == Verdict.ILLEGAL) {
        verdict = Verdict.ILLEGAL;
        break;
      }
      if (partition.verdict() == Verdict.UNKNOWN) {
        verdict = Verdict.UNKNOWN;
      }
    }
    return new CheckResult<>(verdict, partitions);
  }

  /** True when the history is linearisable. */
  public boolean linearizable() {
    return verdict == Verdict.OK;
  }

  /** The partitions whose verdict is not OK, in order. */
  public List<PartitionResult<I, O>> undecidedOrIllegal() {
    return partitions.stream().filter(p -> p.verdict() != Verdict.OK).toList();
  }

  /** How many operations the history held (after failed calls were dropped). */
  public int operationCount() {
    return partitions.stream().mapToInt(p -> p.operations().size()).sum();
  }

  /** The total search work: cache entries over all partitions. */
  public long cacheEntries() {
    return partitions.stream().mapToLong(PartitionResult::cacheEntries).sum();
  }
}

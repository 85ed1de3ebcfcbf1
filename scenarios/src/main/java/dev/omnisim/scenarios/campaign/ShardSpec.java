package dev.omnisim.scenarios.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Shard {@code index} of {@code count}: the seeds of a range whose position in it, counted from 0, is
 * {@code index} modulo {@code count}. Every seed belongs to exactly one shard, so the union of the
 * {@code count} shards is the unsharded run; interleaving (rather than cutting the range in blocks) keeps
 * the shards equally long and lets a shard stopped by a time limit still cover the whole range thinly.
 *
 * @param index which shard, from 0 to {@code count - 1}
 * @param count how many shards the range is cut into, at least 1
 * @param source where the numbers came from: {@code --shard K/N}, or the engine whose variables gave them
 */
public record ShardSpec(int index, int count, String source) {
  /** The most shards a campaign may have. */
  public static final int COUNT_MAX = 1_000_000;
  /** The variable that carries the shard count where the engine has none (Kubernetes, AWS Batch). */
  public static final String COUNT_VARIABLE = "OMNISIM_SHARD_COUNT";
  /** The whole range as one shard. */
  public static final ShardSpec WHOLE = new ShardSpec(0, 1, "unsharded");

  public ShardSpec {
    if (count < 1 || count > COUNT_MAX || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + " (" + source
          + ") is not a shard: K/N needs 1 <= N <= " + COUNT_MAX + " and 0 <= K < N");
    }
  }

  /** True when this is the whole range. */
  public boolean whole() {
    return count == 1;
  }

  /** {@code K/N}. */
  public String label() {
    return index + "/" + count;
  }

  /** True when {@code seed} of the range starting at {@code first} belongs to this shard. */
  public boolean owns(long first, long seed) {
    return Math.floorMod(seed - first, (long) count) == index;
  }

  /** Gives {@code action} this shard's seeds of {@code first..last}, in order. */
  public void forEachSeed(long first, long last, LongConsumer action) {
    for (long s = first + index; s <= last && s >= first; s += count) {
      action.accept(s);
    }
  }

  /** How many seeds of {@code first..last} are this shard's. */
  public long seedCount(long first, long last) {
    long total = last - first + 1;
    return total <= index ? 0 : (total - index + count - 1) / count;
  }

  /**
   * {@code K/N} as typed after {@code --shard}, or {@code auto}, read from {@code env}. Bad input throws an
   * {@link IllegalArgumentException} whose message is one line naming the value and where it came from.
   */
  public static ShardSpec parse(String text, Map<String, String> env) {
    if ("auto".equals(text.trim())) {
      return fromEnvironment(env);
    }
    String[] parts = text.split("/", -1);
    String problem = "--shard takes K/N with whole numbers 0 <= K < N (K counts from 0), or 'auto'; was '" + text + "'";
    if (parts.length != 2) {
      throw new IllegalArgumentException(problem);
    }
    long k = number(parts[0], problem);
    long n = number(parts[1], problem);
    if (n < 1 || n > COUNT_MAX || k < 0 || k >= n) {
      throw new IllegalArgumentException(problem);
    }
    return new ShardSpec((int) k, (int) n, "--shard " + text);
  }

  /**
   * The shard an array-job engine gave this process: Kubernetes Indexed Jobs ({@code JOB_COMPLETION_INDEX},
   * the count in {@code OMNISIM_SHARD_COUNT}), Slurm arrays ({@code SLURM_ARRAY_TASK_ID} minus {@code
   * SLURM_ARRAY_TASK_MIN}, divided by {@code SLURM_ARRAY_TASK_STEP}; {@code SLURM_ARRAY_TASK_COUNT}), AWS
   * Batch array jobs ({@code AWS_BATCH_JOB_ARRAY_INDEX}, the count in {@code OMNISIM_SHARD_COUNT}).
   */
  public static ShardSpec fromEnvironment(Map<String, String> env) {
    List<String> engines = new ArrayList<>();
    if (env.containsKey("JOB_COMPLETION_INDEX")) {
      engines.add("Kubernetes (JOB_COMPLETION_INDEX)");
    }
    if (env.containsKey("SLURM_ARRAY_TASK_ID")) {
      engines.add("Slurm (SLURM_ARRAY_TASK_ID)");
    }
    if (env.containsKey("AWS_BATCH_JOB_ARRAY_INDEX")) {
      engines.add("AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX)");
    }
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes), SLURM_ARRAY_TASK_ID"
          + " (Slurm) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) is set; give --shard K/N instead");
    }
    if (engines.size() > 1) {
      throw new IllegalArgumentException("--shard auto: the variables of more than one engine are set: "
          + String.join(", ", engines) + "; give --shard K/N instead");
    }
    if (env.containsKey("SLURM_ARRAY_TASK_ID")) {
      return slurm(env);
    }
    String indexVariable = env.containsKey("JOB_COMPLETION_INDEX") ? "JOB_COMPLETION_INDEX" : "AWS_BATCH_JOB_ARRAY_INDEX";
    String engine = indexVariable.startsWith("JOB") ? "Kubernetes" : "AWS Batch";
    long index = variable(env, indexVariable);
    if (!env.containsKey(COUNT_VARIABLE)) {
      throw new IllegalArgumentException("--shard auto: " + engine + " gives the index (" + indexVariable + "="
          + env.get(indexVariable) + ") but not the count; set " + COUNT_VARIABLE + " to the number of "
          + (engine.equals("Kubernetes") ? "completions" : "array children"));
    }
    long count = variable(env, COUNT_VARIABLE);
    return checked(index, count, engine + " (" + indexVariable + "=" + index + ", " + COUNT_VARIABLE + "=" + count + ")");
  }

  private static ShardSpec slurm(Map<String, String> env) {
    long id = variable(env, "SLURM_ARRAY_TASK_ID");
    if (!env.containsKey("SLURM_ARRAY_TASK_COUNT")) {
      throw new IllegalArgumentException("--shard auto: Slurm gives SLURM_ARRAY_TASK_ID=" + id
          + " but not SLURM_ARRAY_TASK_COUNT; give --shard K/N instead");
    }
    long count = variable(env, "SLURM_ARRAY_TASK_COUNT");
    long min = env.containsKey("SLURM_ARRAY_TASK_MIN") ? variable(env, "SLURM_ARRAY_TASK_MIN") : 0;
    long step = env.containsKey("SLURM_ARRAY_TASK_STEP") ? variable(env, "SLURM_ARRAY_TASK_STEP") : 1;
    if (step < 1 || Math.floorMod(id - min, step) != 0) {
      throw new IllegalArgumentException("--shard auto: Slurm's SLURM_ARRAY_TASK_ID=" + id + " is not on the array's"
          + " steps (SLURM_ARRAY_TASK_MIN=" + min + ", SLURM_ARRAY_TASK_STEP=" + step + ")");
    }
    long index = (id - min) / step;
    return checked(index, count, "Slurm (SLURM_ARRAY_TASK_ID=" + id + ", SLURM_ARRAY_TASK_MIN=" + min
        + ", SLURM_ARRAY_TASK_COUNT=" + count + ")");
  }

  private static ShardSpec checked(long index, long count, String source) {
    if (count < 1 || count > COUNT_MAX || index < 0 || index >= count) {
      throw new IllegalArgumentException("--shard auto: " + source + " is not a shard: the index must be at least 0"
          + " and below the count (at most " + COUNT_MAX + ")");
    }
    return new ShardSpec((int) index, (int) count, source);
  }

  private static long variable(Map<String, String> env, String name) {
    return number(env.get(name), "--shard auto: " + name + " must be a whole number, was '" + env.get(name) + "'");
  }

  private static long number(String text, String problem) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(problem);
    }
  }
}

package dev.omnisim.scenarios.bench;

import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.generate.HistoryGenerator;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.RegisterModel;
import java.util.function.Function;

/**
 * The checker's three benchmark histories, shared by {@link CheckerBenchmark} and {@code omnisim
 * bench check}, each with its target time on one core.
 */
public enum CheckerWorkload {
  /** (a) A 100 000-operation key-value history from 10 clients over 100 keys. */
  KV_100K("(a) kv: 100 000 ops, 10 clients, 100 keys", 1_000),
  /** (b) A 1 000-operation cas-register history from 20 clients with heavy overlap. */
  CAS_1K("(b) cas-register: 1 000 ops, 20 clients, heavy overlap", 2_000),
  /** (c) A single-key append history of 1 000 operations from 5 clients. */
  APPEND_1K("(c) kv appends: 1 000 ops, 5 clients, one key", 2_000);

  private final String description;
  private final long targetMillis;

  CheckerWorkload(String description, long targetMillis) {
    this.description = description;
    this.targetMillis = targetMillis;
  }

  /** What the history is, for people. */
  public String description() {
    return description;
  }

  /** The time one check should stay under on one core. */
  public long targetMillis() {
    return targetMillis;
  }

  /** A check of this workload's history made from {@code seed}: generated now, checked on each call. */
  public Function<Checker, CheckResult<?, ?>> prepare(long seed) {
    return switch (this) {
      case KV_100K -> prepared(new KvModel(), HistoryGenerator.keyValue(seed, 100_000, 10, 100));
      case CAS_1K -> prepared(RegisterModel.casRegister(0L), HistoryGenerator.casRegister(seed, 1_000, 20));
      case APPEND_1K -> prepared(new KvModel(), HistoryGenerator.singleKeyAppends(seed, 1_000, 5));
    };
  }

  private static <S, I, O> Function<Checker, CheckResult<?, ?>> prepared(Model<S, I, O> model, History<I, O> history) {
    return checker -> checker.check(model, history);
  }
}

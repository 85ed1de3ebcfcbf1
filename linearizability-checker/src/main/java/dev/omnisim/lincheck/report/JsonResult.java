package dev.omnisim.lincheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.StuckOperation;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.format.JsonLinesFormat;
import dev.omnisim.lincheck.format.OperationCodec;

/**
 * A check result as data, for programs: the verdict, and per partition its verdict, the method that
 * decided it, the longest linearisable prefix (for partitions that are not OK) as operations in the
 * JSON-lines form ({@code HISTORY-FORMAT.md}) so that it can be fed back to the checker, the model
 * state after it, and the stuck operations with their obstacle and reason.
 */
public final class JsonResult {

  private JsonResult() {}

  /** The result as one JSON object: {@code verdict}, {@code operations}, {@code partitions}. */
  public static <S, I, O> ObjectNode toJson(Model<S, I, O> model, OperationCodec<I, O> codec, CheckResult<I, O> result) {
    JsonLinesFormat lines = new JsonLinesFormat();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("verdict", result.verdict().name());
    json.put("operations", result.operationCount());
    ArrayNode partitions = json.putArray("partitions");
    for (PartitionResult<I, O> partition : result.partitions()) {
      ObjectNode p = partitions.addObject();
      p.put("label", partition.label());
      p.put("verdict", partition.verdict().name());
      p.put("method", partition.method().description());
      p.put("operations", partition.operations().size());
      p.put("states", partition.cacheEntries());
      if (partition.verdict() != Verdict.OK) {
        p.put("explanation", partition.explanation());
        p.put("state", partition.state());
        p.put("prefixLength", partition.linearization().size());
        ArrayNode prefix = p.putArray("prefix");
        for (Operation<I, O> op : partition.linearization()) {
          prefix.add(lines.toJson(op, codec));
        }
        ArrayNode stuck = p.putArray("stuck");
        for (StuckOperation<I, O> s : partition.stuck()) {
          ObjectNode entry = stuck.addObject();
          entry.set("operation", lines.toJson(s.operation(), codec));
          entry.put("description", model.describeOperation(s.operation()));
          entry.put("obstacle", s.obstacle().name());
          entry.put("reason", s.reason());
        }
      }
    }
    return json;
  }
}

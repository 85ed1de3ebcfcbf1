package dev.omnisim.lincheck.format;

import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.RegisterModel;
import dev.omnisim.lincheck.model.SetModel;
import java.util.List;
import java.util.Optional;

/**
 * A model together with how its operations are written in history files: what {@code --model
 * NAME} on the command line selects.
 *
 * @param name the name users type: {@code kv}, {@code register}, {@code cas-register} or {@code set}
 * @param model the sequential specification
 * @param codec how its operations look in JSON lines and in Jepsen EDN
 * @param <S> the model's state type
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record ModelSpec<S, I, O>(String name, Model<S, I, O> model, OperationCodec<I, O> codec) {

  /** The names {@link #named} knows, in the order help texts list them. */
  public static final List<String> NAMES = List.of("kv", "register", "cas-register", "set");

  /** The model called {@code name}, if there is one. Registers start at nil, as in Knossos. */
  public static Optional<ModelSpec<?, ?, ?>> named(String name) {
    return Optional.ofNullable(switch (name) {
      case "kv" -> new ModelSpec<>("kv", new KvModel(), new KvCodec());
      case "register" -> new ModelSpec<>("register", RegisterModel.register(), new RegisterCodec(false));
      case "cas-register" -> new ModelSpec<>("cas-register", RegisterModel.casRegister(), new RegisterCodec(true));
      case "set" -> new ModelSpec<>("set", new SetModel(), new SetCodec());
      default -> null;
    });
  }
}

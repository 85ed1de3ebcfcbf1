package student;

import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.omnipaxos.ConsensusPeerFactory;
import dev.omnisim.scenarios.grading.api.Submission;

/**
 * What the grader loads (named in META-INF/services). Delete a method to use the reference for that
 * part; storage() is not overridden, so the reference PersistentStorage keeps the peer's state on disk.
 */
public final class MySubmission implements Submission {

  @Override
  public ConsensusPeerFactory<KvCommand> consensus() {
    return MyOmniPaxos::new;
  }

  @Override
  public KvServerNode.ServerFactory server() {
    return MyKvServer::new;
  }

  @Override
  public ClerkFactory clerks() {
    return MyClerk::new;
  }
}

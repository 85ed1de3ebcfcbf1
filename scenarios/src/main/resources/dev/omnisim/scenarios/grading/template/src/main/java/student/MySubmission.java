package student;

import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.scenarios.grading.api.Submission;

/**
 * What the grader loads (named in META-INF/services). Delete a method to use the reference for that
 * part: without consensus() the reference OmniPaxos runs under your server.
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

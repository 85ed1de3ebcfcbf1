/**
 * The key-value service replicated through OmniPaxos: the server state machine over the decided log
 * with duplicate detection, the Clerk that clients call, and the binding that hosts both on
 * simulated nodes.
 */
package dev.omnisim.kvpaxos;

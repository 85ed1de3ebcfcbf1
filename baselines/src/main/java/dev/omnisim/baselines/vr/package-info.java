/**
 * Viewstamped Replication Revisited: round-robin primaries, normal operation
 * (Prepare/PrepareOK/Commit) and view changes (StartViewChange/DoViewChange/StartView), with the
 * artifact's {@code vr_le.rs} heartbeats to detect a silent primary. Persisted on the byte store so that
 * a restarted replica resumes where it was instead of running the paper's recovery protocol.
 */
package dev.omnisim.baselines.vr;

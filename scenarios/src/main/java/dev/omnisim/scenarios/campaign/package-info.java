/**
 * Fuzz campaigns beyond one machine. A campaign is a seed range of one fuzz scenario; a {@link
 * dev.omnisim.scenarios.campaign.ShardSpec} picks a deterministic slice of it (given as {@code K/N} or read
 * from Kubernetes, Slurm or AWS Batch variables), so the union of the N shards is exactly the unsharded
 * run. Every seed appends one {@link dev.omnisim.scenarios.campaign.SeedRecord} (a JSON line) to its
 * folder's {@link dev.omnisim.scenarios.campaign.SeedLog}, which is also what lets a shard resume; the
 * folder's {@link dev.omnisim.scenarios.campaign.ShardManifest} says what the shard was asked to run.
 * {@link dev.omnisim.scenarios.campaign.CampaignMerge} combines shard folders into one {@link
 * dev.omnisim.scenarios.campaign.CampaignReport}. Nothing here reads the clock or starts a thread: the
 * command line measures wall time and hands it in.
 */
package dev.omnisim.scenarios.campaign;

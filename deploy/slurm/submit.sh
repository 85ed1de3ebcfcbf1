#!/bin/bash
# Queues the shards as an array, then the merge to run after every task has ended (afterany: a failed or
# timed-out shard is reported as incomplete rather than blocking the report).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export OMNISIM_RESULTS=${OMNISIM_RESULTS:-$PWD/omnisim-campaign}
array=$(sbatch --parsable --export=ALL "$here/fuzz-array.sbatch")
sbatch --dependency=afterany:"$array" --job-name=omnisim-merge --export=ALL \
  --wrap "omnisim campaign merge $OMNISIM_RESULTS --out $OMNISIM_RESULTS/report"

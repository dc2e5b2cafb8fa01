#!/bin/sh
# Writes two user-feature files for the added-column benchmark of BENCHMARKS.md (issue 18)
# from MovieLens 100K's u.user, into DIR (default /tmp/ml100k-features): base.csv (age, gender)
# and all.csv (age, gender, occupation). The files are derived data: keep them out of the
# repository (the MovieLens licence forbids redistribution).
set -eu
DATA=${DATA:-../shared/data/ml-100k}
DIR=${1:-/tmp/ml100k-features}
if [ ! -f "$DATA/u.user" ]; then
    echo "error: $DATA/u.user not found (set DATA to the ml-100k folder)" >&2
    exit 1
fi
mkdir -p "$DIR"
awk -F'|' 'BEGIN { print "user_id,age,gender" } { print $1 "," $2 "," $3 }' "$DATA/u.user" > "$DIR/base.csv"
awk -F'|' 'BEGIN { print "user_id,age,gender,occupation" } { print $1 "," $2 "," $3 "," $4 }' "$DATA/u.user" > "$DIR/all.csv"
echo "wrote $DIR/base.csv and $DIR/all.csv"

#!/usr/bin/env bash
# Regenerates the golden files of the matrix in cases.txt: what the AWS CLI
# prints, on the standalone emulator, for each case; and
# testdata/list-participant-events.json, what it prints for the README's main
# command (the documentation page's example, whose Output is kept in
# testdata/seed-example-output.json: .ci/readme-commands checks both). Run it where `aws` is
# installed (AWS CLI v1 >= 1.45 or v2, with ivs-realtime and codecatalyst):
#   bash examples/awsevents/testdata/golden/regenerate.sh
# The AWS CLI is configured as v2 behaves by default: timestamps in ISO 8601
# (cli_timestamp_format = iso8601), no pager.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
command -v aws >/dev/null || { echo "regenerate.sh: aws is not installed"; exit 1; }

tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/emulator" ./examples/emulator)
"$tmp/emulator" --ca-bundle-out "$tmp/ca.pem" >"$tmp/log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q '^codecatalyst https' "$tmp/log" 2>/dev/null && break; sleep 0.1; done
ivs=$(sed -n 's#^ivs-realtime \(http://.*\)$#\1#p' "$tmp/log")
cc=$(sed -n 's#^codecatalyst \(https://.*\)$#\1#p' "$tmp/log")
[ -n "$ivs" ] && [ -n "$cc" ] || { cat "$tmp/log"; echo "regenerate.sh: the emulator did not start"; exit 1; }

printf '[default]\ncli_timestamp_format = iso8601\n' >"$tmp/config"
export AWS_CONFIG_FILE="$tmp/config" AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID=emulator AWS_SECRET_ACCESS_KEY=emulator AWS_BEARER_TOKEN_CODECATALYST=emulator
export AWS_PAGER=""
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_CA_BUNDLE

while IFS=$'\t' read -r name args; do
  case "$name" in ''|'#'*) continue ;; esac
  args=${args//SA/arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh}
  args=${args//SE/st-a1b2c3d4e5f6g}
  args=${args//P1/abCDEf12GHIj}
  args=${args//P2/qRsTuV34WXyz}
  args=${args//P3/mNoPqR56StUv}
  case "$args" in
    ivs-realtime*) extra=(--region us-west-2 --endpoint-url "$ivs") ;;
    codecatalyst*) extra=(--endpoint-url "$cc" --ca-bundle "$tmp/ca.pem") ;;
  esac
  eval "set -- $args"
  aws "$@" "${extra[@]}" >"$here/$name.golden"
  echo "$name: $(wc -l <"$here/$name.golden") lines"
done <"$here/cases.txt"

# The README's main command, as aws prints it: the seed page's example run.
aws ivs-realtime list-participant-events --stage-arn arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh \
  --session-id st-a1b2c3d4e5f6g --participant-id abCDEf12GHIj --region us-west-2 --endpoint-url "$ivs" \
  >"$here/../list-participant-events.json"
echo "list-participant-events.json: $(wc -l <"$here/../list-participant-events.json") lines"

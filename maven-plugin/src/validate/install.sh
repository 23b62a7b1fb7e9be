#!/usr/bin/env bash
# Installs the validators with npm into the given folder (under target/), from the committed lock file.
# Peer dependencies (aws-cdk-lib, 200+ MB) are left out: the checks only read the packages' data and binaries.
# The Terraform AWS provider schema comes from the jsii manifest of @cdktf/provider-aws (generated from the provider's
# own schema): only its tarball is fetched (pinned, integrity-checked) and boiled down to terraform-aws-schema.json;
# installing the package would unpack thousands of files the check never reads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$1"
provider_aws="@cdktf/provider-aws@21.22.1"
# bump with any change of terraform-schema.js's output, so that a schema extracted before is made again
schema_format="2"
provider_aws_integrity="sha512-BuSHeaQFUL9l33pBzIMRT7cTQ69AM2mLtijjteCPhVQRmvuhuj9Lvfymf7knAMhYqAT6+Lrls9jiGVW/Us3zrQ=="
mkdir -p "$dir"
cd "$dir"
if ! { [ -d node_modules ] && cmp -s "$here/package-lock.json" package-lock.json; }; then
  cp "$here/package.json" "$here/package-lock.json" .
  npm ci --omit=peer --ignore-scripts --no-audit --no-fund
fi
if [ "$(cat terraform-aws-schema.version 2>/dev/null)" != "$provider_aws format $schema_format" ]; then
  rm -rf provider-aws && mkdir provider-aws
  npm pack "$provider_aws" --pack-destination provider-aws --silent > /dev/null
  tarball="$(ls provider-aws/*.tgz)"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 | tr -d '\n')"
  if [ "$actual" != "$provider_aws_integrity" ]; then
    echo "$provider_aws: integrity $actual, expected $provider_aws_integrity" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C provider-aws package/.jsii
  node "$here/terraform-schema.js" provider-aws/package/.jsii terraform-aws-schema.json
  rm -rf provider-aws
  echo "$provider_aws format $schema_format" > terraform-aws-schema.version
fi

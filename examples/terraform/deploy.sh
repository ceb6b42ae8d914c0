#!/bin/sh
# Deploy with Terraform (OpenTofu works the same with --bin tofu): one
# workspace per environment, the version as the app_version variable of the
# configuration in --dir. A rollback applies the rollback's target version:
# Terraform's state is the history that matters, and an apply of the older
# version converges to it.
#
#   terraform -chdir=DIR init -input=false
#   terraform -chdir=DIR workspace select -or-create ENV
#   terraform -chdir=DIR apply -input=false -auto-approve -var app_version=VERSION
#
# Reads only the DEPLOY_* variables; usage: deploy.sh [--dir infra] [--bin tofu]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
env=${DEPLOY_ENV:?DEPLOY_ENV is not set}
dir=. bin=terraform
while [ $# -gt 0 ]; do
	case $1 in
	--dir) dir=$2; shift 2 ;;
	--bin) bin=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

echo "${DEPLOY_ACTION:-deploy} $version to $env with $bin in $dir (deployment #${DEPLOY_ID:-?})"
"$bin" -chdir="$dir" init -input=false -no-color
"$bin" -chdir="$dir" workspace select -or-create "$env"
exec "$bin" -chdir="$dir" apply -input=false -auto-approve -no-color \
	-var "app_version=$version" -var "environment=$env"

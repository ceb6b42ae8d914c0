#!/bin/sh
# Deploy with Kamal 2 (kamal-deploy.org): one Kamal destination per deploybot
# environment (config/deploy.staging.yml, config/deploy.production.yml in the
# application's repository, which the executor's dir points at). CI has
# pushed the image tagged with the version; Kamal does not build it again.
#
#   deploy:   kamal deploy --skip-push --version VERSION -d ENV
#   rollback: kamal rollback VERSION -d ENV   (Kamal keeps the old containers;
#             a version no longer on the hosts is deployed like a deploy)
#
# Reads only the DEPLOY_* variables; usage: deploy.sh [--destination NAME]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
destination=${DEPLOY_ENV:?DEPLOY_ENV is not set}
while [ $# -gt 0 ]; do
	case $1 in
	--destination) destination=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

case ${DEPLOY_ACTION:-deploy} in
rollback)
	echo "rolling back to $version on $destination (deployment #${DEPLOY_ID:-?})"
	if kamal rollback "$version" -d "$destination"; then
		exit 0
	fi
	echo "kamal rollback failed: deploying $version instead" >&2
	exec kamal deploy --skip-push --version "$version" -d "$destination"
	;;
*)
	echo "deploying $version to $destination (deployment #${DEPLOY_ID:-?})"
	exec kamal deploy --skip-push --version "$version" -d "$destination"
	;;
esac

#!/bin/sh
# Deploy with Docker Compose on this host: compose.yaml names its image with
# ${APP_VERSION} (image: ghcr.io/acme/shop:${APP_VERSION}); the script pulls
# that version and recreates the services, waiting for their health checks.
# A rollback does the same with the rollback's target version: Compose keeps
# no history, the registry does.
#
#   APP_VERSION=VERSION docker compose -p PROJECT-ENV -f FILE pull
#   APP_VERSION=VERSION docker compose -p PROJECT-ENV -f FILE up -d --wait --remove-orphans
#
# Reads only the DEPLOY_* variables; usage: deploy.sh [--file compose.yaml]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
name="${DEPLOY_PROJECT:?DEPLOY_PROJECT is not set}-${DEPLOY_ENV:?DEPLOY_ENV is not set}"
file=compose.yaml
while [ $# -gt 0 ]; do
	case $1 in
	--file) file=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

echo "${DEPLOY_ACTION:-deploy} $name to $version (deployment #${DEPLOY_ID:-?})"
APP_VERSION=$version
export APP_VERSION
docker compose -p "$name" -f "$file" pull
exec docker compose -p "$name" -f "$file" up -d --wait --remove-orphans

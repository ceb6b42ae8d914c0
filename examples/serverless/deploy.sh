#!/bin/sh
# Deploy with the Serverless Framework: one stage per environment, the
# version as a parameter (serverless.yml reads ${param:version}, e.g. for the
# image tag or the artifact's key). A rollback deploys the rollback's target
# version the same way (serverless rollback only knows timestamps of the last
# deployments, not versions).
#
#   serverless deploy --stage ENV --param version=VERSION --conceal
#
# Reads only the DEPLOY_* variables; usage: deploy.sh [--config serverless.yml] [--region R]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
env=${DEPLOY_ENV:?DEPLOY_ENV is not set}
set -- deploy --stage "$env" --param "version=$version" --conceal "$@"
echo "${DEPLOY_ACTION:-deploy} $version to stage $env (deployment #${DEPLOY_ID:-?})"
exec serverless "$@"

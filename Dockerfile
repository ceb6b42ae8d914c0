# syntax=docker/dockerfile:1
#
# deploybot's image: a cgo build (SQLite, mattn/go-sqlite3) on Debian, then a
# small Debian runtime running as a non-root user, the database and the shell
# runs' logs under the /data volume. Build and run:
#
#   docker build -t deploybot --build-arg VERSION=$(git describe --tags --always) \
#       --build-arg COMMIT=$(git rev-parse HEAD) .
#   docker run -d --name deploybot --stop-timeout 660 -v deploybot-data:/data \
#       -v $PWD/deploybot.yaml:/etc/deploybot/deploybot.yaml:ro \
#       -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN deploybot
#
# The stop timeout (660 s) is serve.drain_timeout (10m) plus a margin: SIGTERM
# lets running deployments finish first. A shell executor's script runs inside
# this container and dies with it (its deployment then ends interrupted):
# build your own image FROM this one to add the tools your scripts call.

ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=0.0.0-dev
ARG COMMIT=unknown
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -trimpath -tags sqlite_omit_load_extension \
      -ldflags "-s -w -X deploybot.Version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/deploybot ./cmd/deploybot \
 && /out/deploybot version

FROM debian:bookworm-slim
# tini reaps the detached shell runs' processes (deploybot is not an init);
# ca-certificates for Slack, GitHub, GitLab and Argo CD; tzdata for the
# agency's time zone.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 deploybot \
 && useradd --system --uid 10001 --gid deploybot --home-dir /data --shell /usr/sbin/nologin deploybot \
 && mkdir -p /data /etc/deploybot \
 && chown deploybot:deploybot /data
COPY --from=build /out/deploybot /usr/local/bin/deploybot
COPY config.example.yaml /etc/deploybot/config.example.yaml
USER 10001:10001
# The configuration is ./deploybot.yaml, looked up here: mount yours.
WORKDIR /etc/deploybot
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/deploybot", "health"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/deploybot"]
CMD ["serve", "--db", "/data/deploybot.db"]

# syntax=docker/dockerfile:1
# Three stages: Deno from its npm package (the version pinned in the README and .ci/run), a build
# stage that installs the locked dependencies, writes the manifest, bundles the islands and caches
# main.ts's module graph, and a runtime of debian-slim, the Deno binary and /app, run by a non-root
# user with the app read-only and the store in a volume. About 230 MB on disk, 85 MB to pull
# (docs/deploy.md).
ARG DENO_VERSION=2.9.6

FROM node:22-bookworm-slim AS deno
ARG DENO_VERSION
# The npm package carries one binary per platform; copy the one npm chose for this machine.
RUN npm install -g "deno@${DENO_VERSION}" \
  && cp "$(find "$(npm root -g)" -path '*@deno/linux-*/deno' -type f | head -n 1)" /usr/local/bin/deno \
  && deno --version

FROM debian:bookworm-slim AS build
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
ENV DENO_DIR=/deno-dir DENO_NO_UPDATE_CHECK=1
WORKDIR /app
# The lock and the workspace's manifests first, so a source change reuses the dependency layer.
COPY deno.json deno.lock ./
COPY bench/deno.json bench/
RUN deno install --frozen
COPY . .
RUN deno task build && deno cache main.ts && mkdir -p data

FROM debian:bookworm-slim
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
RUN useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin yeouido
# a parent-based sampler keeps the notification channels' fetch spans (their URLs hold tokens) out
# of exported traces when OTEL_DENO=true (docs/observability.md#traces)
ENV DENO_DIR=/deno-dir DENO_NO_UPDATE_CHECK=1 HOST=0.0.0.0 PORT=8000 ROLE=all \
    OTEL_TRACES_SAMPLER=parentbased_always_on
WORKDIR /app
# Root owns the code and the transpile cache; the app writes only to data/.
COPY --from=build /app /app
COPY --from=build /deno-dir/gen /deno-dir/gen
RUN chown yeouido /app/data
USER yeouido
VOLUME /app/data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch(`http://127.0.0.1:${Deno.env.get('PORT') ?? '8000'}/api/v1/health/live`); Deno.exit(r.ok ? 0 : 1)"]
# main.ts reads ROLE (all, web or worker) and every other setting from the environment.
CMD ["deno", "run", "--allow-net", "--allow-env", "--allow-read=.", "--allow-write=data", "--cached-only", "main.ts"]

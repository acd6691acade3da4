# syntax=docker/dockerfile:1
# Multi-stage image: Deno from its npm package (the same pinned version as the README and CI), a
# build stage that installs dependencies and bundles the islands, and a slim non-root runtime.
ARG DENO_VERSION=2.9.6

FROM node:22-bookworm-slim AS deno
ARG DENO_VERSION
RUN npm install -g "deno@${DENO_VERSION}" \
  && cp "$(find "$(npm root -g)" -path '*@deno/linux-*/deno' -type f | head -n 1)" /usr/local/bin/deno \
  && deno --version

FROM debian:bookworm-slim AS build
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
ENV DENO_DIR=/app/.deno
WORKDIR /app
COPY deno.json deno.lock ./
RUN deno install --frozen
COPY . .
RUN deno task build && deno cache main.ts

FROM debian:bookworm-slim
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
RUN useradd --system --uid 10001 --home-dir /app yeouido && mkdir -p /app/data && chown yeouido /app/data
ENV DENO_DIR=/app/.deno PORT=8000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=root:root /app /app
USER yeouido
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch(`http://127.0.0.1:${Deno.env.get('PORT') ?? '8000'}/api/v1/health`); Deno.exit(r.ok ? 0 : 1)"]
CMD ["deno", "run", "--allow-net", "--allow-env", "--allow-read=.", "--allow-write=data", "--cached-only", "main.ts"]

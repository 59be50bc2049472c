# syntax=docker/dockerfile:1
# ImmoXX image: one image for every role (ROLE=api|worker|all) and for the migration job.
#   docker build -t immoxx .                         # runtime image (about 600 MB)
#   docker build --target runtime-blender -t immoxx:blender .   # + Blender for FBX export
ARG NODE_IMAGE=node:20.20-bookworm-slim

# 1. Dependencies, including the build tools (Vite, esbuild).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# ffmpeg and ffprobe come as binaries inside their npm packages; their install scripts only check them.
RUN npm ci --no-audit --no-fund

# 2. Build: the web client (dist/web) and the compiled server (build/), then drop dev packages.
FROM deps AS build
COPY . .
RUN npm run build && node scripts/build-server.mjs && npm prune --omit=dev --no-audit --no-fund

# 3. Runtime: Debian slim, non-root, with tini as PID 1 so ffmpeg/Blender children are reaped.
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    PORT=5000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    MALLOC_ARENA_MAX=2
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5000
# /healthz: the process answers (liveness). Orchestrators use /readyz for readiness.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||5000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# The API and the workers: `node build/server/main.js` (ROLE decides); the migration job:
# `node build/server/migrate.js`.
CMD ["node", "build/server/main.js"]

# 4. Optional: with headless Blender for FBX export (about 500 MB more).
FROM runtime AS runtime-blender
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends blender python3-numpy \
  && rm -rf /var/lib/apt/lists/*
ENV BLENDER_PATH=/usr/bin/blender
USER node

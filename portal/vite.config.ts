import path from "node:path";
import react from "@vitejs/plugin-react-swc";
import { defineConfig } from "vite";

// The portal is built into dist/portal, which the gateway serves at `/` (gateway/src/portal.ts).
export default defineConfig({
  root: __dirname,
  base: "/",
  plugins: [react()],
  resolve: {
    // The one mapping from a job to placement's requirements, shared with the jobs service.
    alias: {
      "@gridgraph/job-requirements": path.resolve(
        __dirname,
        "..",
        "subgraphs/jobs/src/domain/placement-requirements.ts",
      ),
    },
  },
  build: {
    outDir: path.resolve(__dirname, "..", "dist", "portal"),
    emptyOutDir: true,
    target: "es2022",
    // The first page needs React, the router, the GraphQL client and the sign-in library;
    // every page is its own chunk (React.lazy in src/App.tsx), the world map too.
    chunkSizeWarningLimit: 400,
  },
});

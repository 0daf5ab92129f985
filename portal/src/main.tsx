import { createRoot } from "react-dom/client";
import { App } from "./App";
import { Auth, type PortalConfig } from "./lib/auth";
import { basket } from "./lib/basket";
import "./portal.css";

async function boot() {
  const root = createRoot(document.getElementById("root")!);
  try {
    const response = await fetch("/portal-config.json");
    if (!response.ok) throw new Error(`the gateway answered ${response.status} for /portal-config.json`);
    const auth = new Auth((await response.json()) as PortalConfig);
    await auth.start();
    basket.setOwner(auth.current?.profile.sub ?? null);
    auth.subscribe(() => basket.setOwner(auth.current?.profile.sub ?? null));
    root.render(<App auth={auth} />);
  } catch (error) {
    root.render(
      <main>
        <h1>gridgraph portal</h1>
        <p role="alert">The portal could not start: {(error as Error).message}</p>
        <p>
          <a href="/">Try again</a>
        </p>
      </main>,
    );
  }
}

void boot();

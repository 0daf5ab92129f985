/**
 * Sign-in with OpenID Connect, authorization code + PKCE (oidc-client-ts), at the issuer the
 * gateway names in /portal-config.json (the embedded identity provider under `npm start`, EGI
 * Check-in in production). The session lives in this tab's sessionStorage; the access token is
 * renewed silently with the refresh token before it expires. A request the gateway refuses as
 * unauthenticated (an expired or revoked token) signs in again and comes back to the same page.
 */
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";

export interface PortalConfig {
  issuer: string;
  clientId: string;
  /** RFC 8707 resource indicator the issuer wants for API tokens, if any. */
  resource: string | null;
}

export const CALLBACK_PATH = "/callback";

export interface ReturnState {
  returnTo: string;
}

export class Auth {
  readonly manager: UserManager;
  private user: User | null = null;
  private readonly listeners = new Set<() => void>();
  private redirecting = false;

  constructor(config: PortalConfig) {
    const resource = config.resource ? { resource: config.resource } : undefined;
    this.manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: window.location.origin + CALLBACK_PATH,
      post_logout_redirect_uri: window.location.origin + "/",
      response_type: "code",
      scope: "openid profile email eduperson_entitlement",
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      extraQueryParams: resource,
      extraTokenParams: resource,
    });
    const set = (user: User | null) => {
      this.user = user;
      this.listeners.forEach((listener) => listener());
    };
    this.manager.events.addUserLoaded(set);
    this.manager.events.addUserUnloaded(() => set(null));
    this.manager.events.addSilentRenewError(() => set(null));
  }

  /** Restores the session of this tab, or finishes a sign-in when the issuer sent us back. */
  async start(): Promise<void> {
    if (window.location.pathname === CALLBACK_PATH) {
      const user = await this.manager.signinRedirectCallback();
      this.user = user;
      const returnTo = (user.state as ReturnState | undefined)?.returnTo ?? "/";
      window.history.replaceState(null, "", returnTo.startsWith("/") ? returnTo : "/");
      return;
    }
    const user = await this.manager.getUser();
    this.user = user && !user.expired ? user : null;
  }

  get current(): User | null {
    return this.user;
  }

  get accessToken(): string | null {
    return this.user && !this.user.expired ? this.user.access_token : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Off to the issuer; back to `returnTo` (default: this page) once signed in. */
  async signIn(returnTo = window.location.pathname + window.location.search): Promise<void> {
    if (this.redirecting) return;
    this.redirecting = true;
    await this.manager.signinRedirect({ state: { returnTo } satisfies ReturnState });
  }

  /** The gateway refused our token: forget it and sign in again, coming back here. */
  async sessionExpired(): Promise<void> {
    await this.manager.removeUser();
    await this.signIn();
  }

  async signOut(): Promise<void> {
    const user = this.user;
    await this.manager.removeUser();
    if (user?.id_token) await this.manager.signoutRedirect({ id_token_hint: user.id_token });
    else window.location.assign("/");
  }
}

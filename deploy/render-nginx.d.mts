/** Renders deploy/nginx.conf: ${UPPER_CASE} names from env, a BFF_ADDRESSES line once per address. */
export function renderNginx(template: string, env: Record<string, string | undefined>): string;

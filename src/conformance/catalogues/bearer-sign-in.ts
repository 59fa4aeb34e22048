import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { missingCredentials } from '../upstream-credentials.js';

/**
 * Sign-in for a vendor whose test user brings a bearer token (Flashback, Lerian): the token, and the user's e-mail
 * address and id where the vendor's answers and paths carry them.
 */
export function bearerSignIn(surface: string, needsUserId: boolean): SurfaceCatalogue['signIn'] {
  return (credentials) => {
    const { token, email = '', password = '', userId } = credentials;
    const missing = [...(token === undefined ? (['token'] as const) : []), ...(needsUserId && userId === undefined ? (['userId'] as const) : [])];
    if (token === undefined || missing.length > 0) throw missingCredentials(surface, missing);
    return Promise.resolve({ token, email, password, ...(userId === undefined ? {} : { userId }) });
  };
}

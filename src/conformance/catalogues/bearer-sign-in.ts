import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { CredentialsError } from '../upstream-credentials.js';

/**
 * Sign-in for a vendor whose test user brings a bearer token (Flashback, Lerian): the token, and the user's e-mail
 * address and id where the vendor's answers and paths carry them.
 */
export function bearerSignIn(surface: string, needsUserId: boolean): SurfaceCatalogue['signIn'] {
  return (credentials) => {
    const { token, email = '', password = '', userId } = credentials;
    if (token === undefined) throw new CredentialsError(`${surface} needs a bearer token of a test user`);
    if (needsUserId && userId === undefined) throw new CredentialsError(`${surface} needs the test user's id (userId)`);
    return Promise.resolve({ token, email, password, ...(userId === undefined ? {} : { userId }) });
  };
}
